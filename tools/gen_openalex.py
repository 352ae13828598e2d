#!/usr/bin/env python3
"""Generate OpenAlex-shaped works (JSON Lines, gzip) for the OpenAlex reader benchmark.

Each work follows the documented OpenAlex work schema with the fields a real snapshot line carries (ids,
locations, authorships with institutions and raw affiliation strings, topics, keywords, concepts,
abstract_inverted_index, referenced_works, related_works, counts_by_year ...), about 6 KB per work like the
real snapshot. Deterministic for a given --seed.

Usage: python3 tools/gen_openalex.py --works 50000 --out /tmp/openalex_bench/part_000.gz [--files 2] [--seed 1]
With --files N, writes N files part_000.gz .. part_{N-1}.gz beside --out, each with --works works.
"""
import argparse, gzip, json, os, random

WORDS = ("model learning neural network training data large language transformer attention graph "
         "reinforcement policy robust adversarial vision image text representation optimization gradient "
         "stochastic convex bound theory kernel sparse inference bayesian causal fairness privacy federated "
         "benchmark evaluation scaling compute efficient method results show propose novel approach task").split()
INST = [("education", "University of {}", "US"), ("company", "{} Inc.", "US"), ("education", "{} Institute of Technology", "CH"),
        ("government", "National Laboratory of {}", "US"), ("facility", "{} Research Center", "DE"),
        ("nonprofit", "{} Foundation", "GB"), ("company", "{} AI Research", "CN"), ("other", "{} Lab", "FR")]
NAMES = "Oxford Toronto Stanford Acme Zurich Tsinghua Berkeley Alpine Nimbus Quantum Helios Boreal Cedar Delta".split()


def rid(rng, prefix):
    return f"https://openalex.org/{prefix}{rng.randrange(10**9, 10**10)}"


def work(rng, i):
    n_auth = rng.randint(2, 4)
    authorships = []
    for k in range(n_auth):
        kind, pat, cc = rng.choice(INST)
        name = pat.format(rng.choice(NAMES))
        has_inst = rng.random() > 0.1
        inst = [{"id": rid(rng, "I"), "display_name": name, "ror": f"https://ror.org/0{rng.randrange(10**7, 10**8)}",
                 "country_code": cc, "type": kind}] if has_inst else []
        authorships.append({
            "author_position": "first" if k == 0 else ("last" if k == n_auth - 1 else "middle"),
            "author": {"id": rid(rng, "A"), "display_name": f"Author {rng.randrange(10**6)} Name",
                       "orcid": None if rng.random() < 0.5 else f"https://orcid.org/0000-0002-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"},
            "institutions": inst, "countries": [cc] if has_inst else [], "is_corresponding": k == 0,
            "raw_author_name": f"A. Name{k}",
            "raw_affiliation_strings": [f"{name}, {cc}"],
        })
    def topic():
        return {"id": rid(rng, "T"), "display_name": " ".join(rng.choices(WORDS, k=3)).title(), "score": round(rng.random(), 4),
                "subfield": {"id": "https://openalex.org/subfields/1702", "display_name": "Artificial Intelligence"},
                "field": {"id": "https://openalex.org/fields/17", "display_name": "Computer Science"},
                "domain": {"id": "https://openalex.org/domains/3", "display_name": "Physical Sciences"}}
    topics = [topic() for _ in range(2)]
    n_words = rng.randint(60, 100)
    inv = {}
    for pos in range(n_words):
        inv.setdefault(rng.choice(WORDS), []).append(pos)
    src = {"id": rid(rng, "S"), "display_name": rng.choice(["Neural Information Processing Systems", "International Conference on Machine Learning", "arXiv (Cornell University)"]),
           "issn_l": None, "issn": None, "is_oa": True, "is_in_doaj": False, "host_organization": rid(rng, "P"),
           "host_organization_name": "Cornell University", "type": "repository"}
    loc = {"is_oa": True, "landing_page_url": f"https://arxiv.org/abs/{rng.randrange(1000, 2400)}.{rng.randrange(10000, 99999)}",
           "pdf_url": None, "source": src, "license": "cc-by", "version": "submittedVersion", "is_accepted": False, "is_published": False}
    title = " ".join(rng.choices(WORDS, k=rng.randint(6, 12))).capitalize()
    wid = f"https://openalex.org/W{4000000000 + i}"
    return {
        "id": wid, "doi": f"https://doi.org/10.48550/arxiv.{rng.randrange(10**8)}", "title": title, "display_name": title,
        "publication_year": rng.randint(2000, 2024), "publication_date": "2021-06-01",
        "ids": {"openalex": wid, "doi": "https://doi.org/10.48550/arxiv.x", "mag": str(rng.randrange(10**9))},
        "language": "en", "primary_location": loc, "type": "article", "type_crossref": "posted-content",
        "indexed_in": ["crossref", "datacite"],
        "open_access": {"is_oa": True, "oa_status": "green", "oa_url": loc["landing_page_url"], "any_repository_has_fulltext": True},
        "authorships": authorships, "countries_distinct_count": 2, "institutions_distinct_count": n_auth,
        "corresponding_author_ids": [], "corresponding_institution_ids": [], "apc_list": None, "apc_paid": None,
        "fwci": round(rng.random() * 10, 3), "has_fulltext": True, "fulltext_origin": "pdf", "cited_by_count": rng.randrange(5000),
        "citation_normalized_percentile": {"value": rng.random(), "is_in_top_1_percent": False, "is_in_top_10_percent": False},
        "cited_by_percentile_year": {"min": 90, "max": 91},
        "biblio": {"volume": None, "issue": None, "first_page": None, "last_page": None},
        "is_retracted": False, "is_paratext": False, "primary_topic": topics[0], "topics": topics,
        "keywords": [{"id": f"https://openalex.org/keywords/{w}", "display_name": w, "score": round(rng.random(), 3)} for w in rng.sample(WORDS, 2)],
        "concepts": [{"id": rid(rng, "C"), "wikidata": f"https://www.wikidata.org/wiki/Q{rng.randrange(10**6)}", "display_name": w,
                      "level": rng.randint(0, 3), "score": round(rng.random(), 4)} for w in rng.sample(WORDS, 2)],
        "mesh": [], "locations_count": 1, "locations": [loc], "best_oa_location": None,
        "sustainable_development_goals": [],
        "grants": [], "datasets": [], "versions": [], "referenced_works_count": 20,
        "referenced_works": [rid(rng, "W") for _ in range(rng.randint(4, 14))],
        "related_works": [rid(rng, "W") for _ in range(3)],
        "abstract_inverted_index": inv,
        "cited_by_api_url": f"https://api.openalex.org/works?filter=cites:W{i}",
        "counts_by_year": [{"year": y, "cited_by_count": rng.randrange(500)} for y in range(2024, 2019, -1)],
        "updated_date": "2024-11-30T04:05:06.123456", "created_date": "2021-06-01",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--works", type=int, default=50000)
    ap.add_argument("--files", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    folder = os.path.dirname(os.path.abspath(a.out))
    os.makedirs(folder, exist_ok=True)
    paths = [a.out] if a.files == 1 else [os.path.join(folder, f"part_{k:03d}.gz") for k in range(a.files)]
    total_bytes = 0
    for k, path in enumerate(paths):
        rng = random.Random(a.seed * 1000 + k)
        with gzip.open(path, "wb", compresslevel=6) as f:
            for i in range(a.works):
                line = (json.dumps(work(rng, k * a.works + i), separators=(",", ":"), ensure_ascii=False) + "\n").encode()
                total_bytes += len(line)
                f.write(line)
    n = a.works * len(paths)
    print(f"wrote {n} works in {len(paths)} file(s), {total_bytes / n:.0f} bytes per work uncompressed")


if __name__ == "__main__":
    main()
