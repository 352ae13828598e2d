"""Candidate (paper, surface) pairs for the hand-labelled adoption check set.

Independent of the Rust matcher: a deliberately broad, case-insensitive search for the stems of model
names (and their confusables: "clip", "palm", "gemini", "claude", "whisper", "bard", "bloom" ...), each
optionally followed by a version token. Every (paper, lower-cased stem) found in title+abstract+keywords of
the AI Index RAI papers is one candidate. `sample.py` draws the check set from these.
"""
import re
from load_rai import load

STEMS = ["bert", "roberta", "deberta", "distilbert", "albert", "gpt", "chatgpt", "instructgpt", "llama", "vicuna",
         "alpaca", "clip", "stable diffusion", "dall-e", "dall·e", "dalle", "vit", "t5", "flan-t5", "whisper",
         "mistral", "qwen", "claude", "gemini", "palm", "bard", "codex", "resnet", "vgg", "inception", "alexnet",
         "mobilenet", "densenet", "efficientnet", "elmo", "xlnet", "word2vec", "glove", "bart", "bloom", "falcon",
         "pythia", "opt", "wav2vec", "hubert", "blip", "llava", "gpt-j", "imagen", "midjourney", "stylegan",
         "dino", "yolo", "u-net", "xlm", "xlm-r", "gpt-neo", "lamda", "chinchilla", "gopher", "sparrow", "dolly",
         "alphago", "alphafold", "segment anything", "electra", "transformer-xl", "megatron", "opt-iml", "bloomz"]
STEMS.sort(key=len, reverse=True)
RX = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in STEMS) + r")(?:[-\s]?v?\d+(?:\.\d+)?[a-z]?)?(?![\w])",
                re.IGNORECASE)


def candidates():
    df = load()
    out = []
    for r in df.itertuples():
        text = f"{r.title}\n{r.abstract}\n{r.keywords}"
        seen = {}
        for m in RX.finditer(text):
            stem = m.group(1).lower()
            version = re.sub(r"[^0-9.]", "", m.group(0)[len(m.group(1)):]).strip(".")
            key = f"{stem}{version}" if version else stem
            seen.setdefault(key, m.group(0))
        for stem, first in sorted(seen.items()):
            out.append((r.paper_id, r.year, stem, first))
    return df, out


if __name__ == "__main__":
    import collections
    df, c = candidates()
    print(len(c))
    print(collections.Counter(s for _, _, s, _ in c).most_common())
