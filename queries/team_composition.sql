-- Team composition of papers by venue and year, and pooled over venues by year (venue `all`): the rows
-- of `compute-divide teams` and of the report's publications section (cd_analysis::composition::
-- team_composition) under the default definitions: the publication corpus (`papers.in_publication_corpus`:
-- Paper Copilot and the conference list, papers in both once, counted statuses only, `paper_statuses =
-- accepted`); authors of unknown sector dropped (`unknown_author_policy = drop`: `papers.team`).
-- Denominator: every paper of the venue-year, unknown teams included. Industry-involved: at least one
-- counted affiliation is a company (`papers.industry_share > 0`, CWTS full counting), which includes industry
-- mixed with government or non-profits (team kind `other`). Intervals: Wilson score, 95%
-- (z = 1.959963984540054), exactly 0 at k = 0 and 1 at k = n as cd_stats::wilson. Papers without a year
-- are left out.
WITH counted AS (
    SELECT venue, year, team, industry_share > 0 AS industry_author
    FROM papers
    WHERE in_publication_corpus AND year IS NOT NULL
),
cells AS (
    SELECT
        venue,
        year,
        COUNT(*) AS papers,
        SUM(CASE WHEN team = 'academic_only' THEN 1 ELSE 0 END) AS academic_only,
        SUM(CASE WHEN industry_author THEN 1 ELSE 0 END) AS industry_involved,
        SUM(CASE WHEN team = 'collaboration' THEN 1 ELSE 0 END) AS collaboration,
        SUM(CASE WHEN team = 'unknown' THEN 1 ELSE 0 END) AS unknown
    FROM counted
    GROUP BY venue, year
    UNION ALL
    SELECT
        'all' AS venue,
        year,
        COUNT(*),
        SUM(CASE WHEN team = 'academic_only' THEN 1 ELSE 0 END),
        SUM(CASE WHEN industry_author THEN 1 ELSE 0 END),
        SUM(CASE WHEN team = 'collaboration' THEN 1 ELSE 0 END),
        SUM(CASE WHEN team = 'unknown' THEN 1 ELSE 0 END)
    FROM counted
    GROUP BY year
),
shares AS (
    SELECT
        *,
        CAST(academic_only AS DOUBLE) / papers AS academic_only_share,
        CAST(industry_involved AS DOUBLE) / papers AS industry_involved_share,
        CAST(collaboration AS DOUBLE) / papers AS collaboration_share,
        CAST(unknown AS DOUBLE) / papers AS unknown_share,
        1.959963984540054 * 1.959963984540054 AS z2
    FROM cells
)
SELECT
    venue,
    year,
    papers,
    academic_only,
    industry_involved,
    collaboration,
    unknown,
    academic_only_share,
    CASE WHEN academic_only = 0 THEN 0.0 ELSE GREATEST(0.0,
        (academic_only_share + z2 / (2.0 * papers)) / (1.0 + z2 / papers)
        - 1.959963984540054 * SQRT(academic_only_share * (1.0 - academic_only_share) / papers
            + z2 / (4.0 * papers * papers)) / (1.0 + z2 / papers)) END AS academic_only_share_lower,
    CASE WHEN academic_only = papers THEN 1.0 ELSE LEAST(1.0,
        (academic_only_share + z2 / (2.0 * papers)) / (1.0 + z2 / papers)
        + 1.959963984540054 * SQRT(academic_only_share * (1.0 - academic_only_share) / papers
            + z2 / (4.0 * papers * papers)) / (1.0 + z2 / papers)) END AS academic_only_share_upper,
    industry_involved_share,
    CASE WHEN industry_involved = 0 THEN 0.0 ELSE GREATEST(0.0,
        (industry_involved_share + z2 / (2.0 * papers)) / (1.0 + z2 / papers)
        - 1.959963984540054 * SQRT(industry_involved_share * (1.0 - industry_involved_share) / papers
            + z2 / (4.0 * papers * papers)) / (1.0 + z2 / papers)) END AS industry_involved_share_lower,
    CASE WHEN industry_involved = papers THEN 1.0 ELSE LEAST(1.0,
        (industry_involved_share + z2 / (2.0 * papers)) / (1.0 + z2 / papers)
        + 1.959963984540054 * SQRT(industry_involved_share * (1.0 - industry_involved_share) / papers
            + z2 / (4.0 * papers * papers)) / (1.0 + z2 / papers)) END AS industry_involved_share_upper,
    collaboration_share,
    unknown_share
FROM shares
ORDER BY venue = 'all', venue, year;
