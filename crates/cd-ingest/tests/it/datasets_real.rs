//! `datasets::{list, newest_all_models, find_vintage}` on the shipped data. Row counts are pandas'
//! `len(pd.read_csv(f))` for CSVs and `len(json.load(f))` for the universities list; sha256 values are
//! those published in /work/shared/data/README.md.

use cd_ingest::datasets::{find_vintage, list, newest_all_models, DatasetKind};
#[test]
fn lists_every_epoch_file_with_kind_vintage_rows_and_sha256() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let all = list(&data);
    let expect = [
        (
            "epoch/all_ml_systems_2023-12-14.csv",
            DatasetKind::EpochAllModels,
            Some("2023-12-14"),
            1117,
            "963456b6cfbae1a7acfb440e994b95b34a4edadc7f16b02c4f1f058c734d84fd",
        ),
        (
            "epoch/all_ml_systems_2024-02-05.csv",
            DatasetKind::EpochAllModels,
            Some("2024-02-05"),
            1107,
            "46f6d1ff80886c430a52a1b3a931956c0fc7ae62268747755d681d72f4d5c884",
        ),
        (
            "epoch/all_ml_systems_2025-08-07.csv",
            DatasetKind::EpochAllModels,
            Some("2025-08-07"),
            1892,
            "74509130a942f476053447d26cd9a3805a03d48b8feffef714826c5e340c9ec2",
        ),
        (
            "epoch/frontier_ai_models_2025-12-02.csv",
            DatasetKind::EpochFrontier,
            Some("2025-12-02"),
            131,
            "13fe24596e41e243d3fc0b5b11bb6acd9b5efd796e3bff965d0d64db2552ade3",
        ),
        (
            "epoch/large_scale_ai_models_2025-12-02.csv",
            DatasetKind::EpochLargeScale,
            Some("2025-12-02"),
            473,
            "e25a79f000a76d1c3ffc7c25cd8ddeb5c9a27a5d5a249c20cdc51e3aeb38637c",
        ),
        (
            "epoch/notable_ai_models_2025-12-02.csv",
            DatasetKind::EpochNotable,
            Some("2025-12-02"),
            952,
            "ac6299b99fd8565fd17e49c1a21a06890a824728a611ffe1245006960267a274",
        ),
        (
            "conferences/icml_neurips_iclr_authors_2006-2019.csv",
            DatasetKind::Conferences,
            None,
            27897,
            "e38c1a0047705752f3b515fa3bc9bd29724d5a2bb827bd845f5d44b53bbcc81e",
        ),
        (
            "universities/world_universities_and_domains.json",
            DatasetKind::Universities,
            None,
            10251,
            "7cd554775f3a8a9e7fba876618f7c1ba816da81db00ae32652aa2a30e6ba28cd",
        ),
    ];
    for (rel, kind, vintage, rows, sha) in expect {
        let d = all.iter().find(|d| d.path.ends_with(rel)).unwrap_or_else(|| panic!("{rel} not listed"));
        assert_eq!(d.kind, kind, "{rel}");
        assert_eq!(d.vintage.as_deref(), vintage, "{rel}");
        assert_eq!(d.rows, rows, "{rel}");
        assert_eq!(d.sha256, sha, "{rel}");
    }
    // 31 files of the AI Index 2024 (2018–2023) and 6 of the AI Index 2025 (2024): `ls ai_index_rai | wc -l`.
    assert_eq!(all.iter().filter(|d| d.kind == DatasetKind::AiIndexRai).count(), 37);
    assert_eq!(all.iter().filter(|d| d.kind == DatasetKind::Grid).count(), 7);
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(sorted, all, "listing is sorted by path");
}

#[test]
fn default_and_named_vintages() {
    let Some(d) = crate::support::shared_data() else {
        return;
    };
    assert!(newest_all_models(&d).unwrap().ends_with("epoch/all_ml_systems_2025-08-07.csv"));
    let f = |q: &str| find_vintage(&d, q).map(|p| p.file_name().unwrap().to_string_lossy().into_owned());
    assert_eq!(f("2023-12-14").as_deref(), Some("all_ml_systems_2023-12-14.csv"));
    assert_eq!(f("2024").as_deref(), Some("all_ml_systems_2024-02-05.csv"));
    assert_eq!(f("2025").as_deref(), Some("all_ml_systems_2025-08-07.csv"));
    assert_eq!(f("2025-12-02").as_deref(), Some("notable_ai_models_2025-12-02.csv"));
    assert_eq!(f("frontier_ai_models_2025-12-02").as_deref(), Some("frontier_ai_models_2025-12-02.csv"));
    assert_eq!(
        f("large_scale_ai_models_2025-12-02.csv").as_deref(),
        Some("large_scale_ai_models_2025-12-02.csv")
    );
    assert_eq!(f("2019"), None);
    assert_eq!(f(""), None);
}
