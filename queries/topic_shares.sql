-- Academic-only share by research topic and period: the rows of the report's topic representation
-- (`compute-divide representation`, cd_analysis::topics::representation::share_rows) under the default
-- definitions: the topic corpus (`papers.in_topic_corpus`: every shipped source, papers in several
-- sources once, counted statuses only, `paper_statuses = accepted`); the study's taxonomy
-- (`paper_topics.taxonomy = 'study'`); periods 2010-13, 2014-17, 2018-21, 2022+ (`Definitions::periods`);
-- authors of unknown sector dropped (`unknown_author_policy = drop`: the team kind in `papers.team`); the
-- strict academic-only rule (`academic_only = strict`).
-- A paper with several topics counts in each. Papers of unknown team count in `papers` but not in the
-- shares' denominator `papers_known_team`. Full counting (`academic_only_share`) and fractional
-- counting (`academic_fractional_share`: the mean academic share of the known-team papers).
-- Papers outside every period are left out; a topic-period without papers has no row.
-- A paper row's key is (`source`, `paper_id`, `occurrence`): a source may list one id more than once (the
-- AI Index files list a paper once per responsible-AI category), and only the copy in the corpus may
-- bring its topics. Equal to `representation` on the shipped data (all 72 rows: counts exactly, shares
-- to 1e-12; crates/compute-divide/tests/it/sql_study.rs).
WITH counted AS (
    SELECT
        paper_id,
        source,
        occurrence,
        team,
        academic_share,
        CASE
            WHEN year BETWEEN 2010 AND 2013 THEN '2010-13'
            WHEN year BETWEEN 2014 AND 2017 THEN '2014-17'
            WHEN year BETWEEN 2018 AND 2021 THEN '2018-21'
            WHEN year >= 2022 THEN '2022+'
        END AS period
    FROM papers
    WHERE in_topic_corpus
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
FROM counted c
JOIN paper_topics t
    ON t.paper_id = c.paper_id AND t.source = c.source AND t.occurrence = c.occurrence
    AND t.taxonomy = 'study'
WHERE c.period IS NOT NULL
GROUP BY t.topic, c.period
ORDER BY t.topic, c.period;
