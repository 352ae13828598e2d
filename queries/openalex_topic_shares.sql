-- Academic-only share by research topic and period over the OpenAlex works of the warehouse (the parts
-- given to `warehouse build --openalex`): the rows `compute-divide representation --input PARTS
-- --input-format openalex` gives for the same works under the default definitions, computed in SQL so
-- that it runs over a whole snapshot's warehouse, locally or on a Ballista cluster (docs/cluster.md).
-- Each work counts once: a work given in several parts (the warehouse keeps a row per part, each with
-- `occurrence` 1) counts once per distinct (year's period, team, academic share), with the union of
-- its topics; `representation` also drops copies of one paper under two work ids, matched on normalised
-- title, year and venue, which SQL does not (on parts without such copies the two agree:
-- crates/compute-divide/tests/it/sql_study.rs). Counted statuses only (`papers.counted`: OpenAlex works
-- are `accepted`); the study's taxonomy (`paper_topics.taxonomy = 'study'`: phrase rules on titles,
-- abstracts and OpenAlex's topics); periods 2010-13, 2014-17, 2018-21, 2022+ (`Definitions::periods`);
-- authors of unknown sector dropped (`unknown_author_policy = drop`: the team kind in `papers.team`); the
-- strict academic-only rule. A work with several topics counts in each; works of unknown team count in
-- `papers` but not in the shares' denominator `papers_known_team`. Full counting
-- (`academic_only_share`) and fractional counting (`academic_fractional_share`: the mean academic share
-- of the known-team works).
WITH works AS (
    SELECT DISTINCT
        paper_id,
        team,
        academic_share,
        CASE
            WHEN year BETWEEN 2010 AND 2013 THEN '2010-13'
            WHEN year BETWEEN 2014 AND 2017 THEN '2014-17'
            WHEN year BETWEEN 2018 AND 2021 THEN '2018-21'
            WHEN year >= 2022 THEN '2022+'
        END AS period
    FROM papers
    WHERE source = 'openalex' AND counted
),
topics AS (
    SELECT DISTINCT paper_id, topic
    FROM paper_topics
    WHERE source = 'openalex' AND taxonomy = 'study'
)
SELECT
    t.topic,
    c.period,
    COUNT(*) AS papers,
    SUM(CASE WHEN c.team <> 'unknown' THEN 1 ELSE 0 END) AS papers_known_team,
    SUM(CASE WHEN c.team = 'academic_only' THEN 1 ELSE 0 END) AS academic_only_papers,
    CAST(SUM(CASE WHEN c.team = 'academic_only' THEN 1 ELSE 0 END) AS DOUBLE)
        / CAST(NULLIF(SUM(CASE WHEN c.team <> 'unknown' THEN 1 ELSE 0 END), 0) AS DOUBLE)
        AS academic_only_share,
    SUM(CASE WHEN c.team <> 'unknown' THEN c.academic_share ELSE 0.0 END)
        / CAST(NULLIF(SUM(CASE WHEN c.team <> 'unknown' THEN 1 ELSE 0 END), 0) AS DOUBLE)
        AS academic_fractional_share
FROM works c
JOIN topics t ON t.paper_id = c.paper_id
WHERE c.period IS NOT NULL
GROUP BY t.topic, c.period
ORDER BY t.topic, c.period;
