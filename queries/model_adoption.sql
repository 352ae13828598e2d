-- Model mentions by model, publication year and team kind of the mentioning paper: the uses of the
-- report's adoption and scrutiny sections (`compute-divide mentions`, cd_analysis::adoption::detect_uses)
-- under the default definitions: the AI Index responsible-AI papers (the shipped papers with abstracts)
-- against the catalogue of every Epoch table (`model_mentions.model`: the catalogue's name); the paper's
-- team kind under `unknown_author_policy = drop` and the strict academic-only rule (`paper_team`).
-- Counts are distinct papers (`paper_id`), as the analyses count them: a paper the AI Index lists under
-- several categories counts once. `papers_building_on`: papers that fine-tune, prompt or compress the model
-- (`UseType::builds_on`, the adoption measure); `papers_scrutinising`: papers that evaluate, examine or
-- audit it (`UseType::scrutinises`, the scrutiny measure).
-- The adoption section's table of the models academic-only papers build on most, per year
-- (`adoption_top_models`), is the rows with `paper_team = 'academic_only'` ranked by `papers_building_on`
-- (then by model) within each year; crates/compute-divide/tests/it/sql_study.rs checks that it is equal.
SELECT
    model,
    developer_team,
    accessibility,
    year,
    paper_team,
    COUNT(DISTINCT paper_id) AS papers,
    COUNT(DISTINCT CASE WHEN builds_on THEN paper_id END) AS papers_building_on,
    COUNT(DISTINCT CASE WHEN scrutinises THEN paper_id END) AS papers_scrutinising
FROM model_mentions
GROUP BY model, developer_team, accessibility, year, paper_team
ORDER BY model, year, paper_team;
