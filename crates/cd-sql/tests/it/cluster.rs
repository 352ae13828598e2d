//! Ballista on loopback: a scheduler and an executor in this process run the shipped topic-share query on
//! the fixture warehouse, and the result equals the local one.

use crate::support::{query_file, warehouse};
use cd_sql::{query_async, SqlError, Target};

#[test]
fn topic_shares_on_a_loopback_cluster_equal_the_local_result() {
    let (_dir, wh) = warehouse();
    let sql = query_file("topic_shares.sql");
    let rt = cd_sql::runtime().unwrap();
    rt.block_on(async {
        let url = cd_sql::cluster::start_loopback(2).await.unwrap();
        assert!(url.starts_with("df://localhost:"), "{url}");
        let target = Target::parse(Some(&url)).unwrap();
        let local = query_async(&wh, &sql, &Target::Local).await.unwrap();
        let remote = query_async(&wh, &sql, &target).await.unwrap();
        assert!(local.row_count() > 0);
        assert_eq!(remote.header(), local.header());
        assert_eq!(remote.types(), local.types());
        assert_eq!(remote.text_rows().unwrap(), local.text_rows().unwrap());
        // The guard holds on the cluster path too.
        let e = query_async(&wh, "DROP TABLE papers", &target).await.unwrap_err();
        assert!(matches!(e, SqlError::Refused(_)), "{e:?}");
    });
}

#[test]
fn an_unreachable_scheduler_is_an_error_naming_it() {
    let (_dir, wh) = warehouse();
    // Port 9 (discard) on loopback: nothing listens there.
    let target = Target::parse(Some("df://127.0.0.1:9")).unwrap();
    let e = cd_sql::query(&wh, "SELECT COUNT(*) FROM papers", &target).unwrap_err();
    assert!(!e.is_usage(), "{e:?}");
    assert!(e.to_string().contains("df://127.0.0.1:9"), "{e}");
}

#[test]
fn cluster_urls_must_be_df_host_port() {
    for bad in ["http://localhost:50050", "df://localhost", "df://:50050", "df://host:port"] {
        let e = Target::parse(Some(bad)).unwrap_err();
        assert!(e.is_usage() && e.to_string().contains(bad), "{bad}: {e}");
    }
    assert_eq!(Target::parse(None).unwrap(), Target::Local);
}
