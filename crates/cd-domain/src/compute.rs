//! Records of Epoch's compute tables: AI supercomputers (GPU clusters) and ML accelerators.
//!
//! Plain data, as the readers of `cd-ingest` fill it; which rows count for an analysis (flags, status,
//! sector split) is decided in `cd-analysis` under `Definitions::provision`.

use crate::PubDate;
use serde::{Deserialize, Serialize};

/// Who runs a cluster, as Epoch's `Sector` column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterSector {
    Private,
    Public,
    /// Epoch's `Public/Private`: publicly funded and privately run, or the reverse.
    PublicPrivate,
    /// The cell is empty.
    Unknown,
}

impl ClusterSector {
    pub const ALL: [ClusterSector; 4] =
        [ClusterSector::Private, ClusterSector::Public, ClusterSector::PublicPrivate, ClusterSector::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            ClusterSector::Private => "private",
            ClusterSector::Public => "public",
            ClusterSector::PublicPrivate => "public_private",
            ClusterSector::Unknown => "unknown",
        }
    }

    /// Epoch's spellings (`Private`, `Public`, `Public/Private`, also `Public-Private`, `Public Private`),
    /// case-insensitive; the empty cell is `Unknown`. Words a vintage might use for the same split map to
    /// them: `Government`, `Academic`, `Academia` to public; `Industry`, `Commercial`, `Company` to
    /// private. `None` for any other text.
    pub fn parse(text: &str) -> Option<ClusterSector> {
        let t: String = text.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        match t.as_str() {
            "" => Some(ClusterSector::Unknown),
            "private" | "industry" | "commercial" | "company" => Some(ClusterSector::Private),
            "public" | "government" | "academic" | "academia" => Some(ClusterSector::Public),
            "publicprivate" | "privatepublic" => Some(ClusterSector::PublicPrivate),
            _ => None,
        }
    }
}

/// Epoch's `Status` of a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterStatus {
    Existing,
    Planned,
    Decommissioned,
}

impl ClusterStatus {
    pub fn parse(text: &str) -> Option<ClusterStatus> {
        match text.trim().to_lowercase().as_str() {
            "existing" | "operational" => Some(ClusterStatus::Existing),
            "planned" | "under construction" | "announced" => Some(ClusterStatus::Planned),
            "decommissioned" | "retired" => Some(ClusterStatus::Decommissioned),
            _ => None,
        }
    }
}

/// One AI supercomputer of Epoch's GPU-clusters table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GpuCluster {
    /// 1-based data row of the file (the header is row 0).
    pub row: usize,
    pub name: String,
    pub status: ClusterStatus,
    pub sector: ClusterSector,
    pub certainty: Option<String>,
    pub h100_equivalents: Option<f64>,
    /// Peak 16-bit operations per second of the whole cluster.
    pub ops_16bit: Option<f64>,
    pub country: Option<String>,
    /// The owner organisations (comma-separated in the file).
    pub owners: Vec<String>,
    /// The user organisations (comma-separated in the file).
    pub users: Vec<String>,
    pub first_operational: Option<PubDate>,
    pub decommissioned: Option<PubDate>,
    /// Name of the cluster that supersedes this one (a later phase of the same site).
    pub superseded_by: Option<String>,
    pub hardware_cost_usd: Option<f64>,
    /// Epoch's `Include in Standard Analysis` flag.
    pub standard_analysis: bool,
    /// Epoch's `Exclude` flag.
    pub exclude: bool,
    /// Epoch's `Possible Duplicate` flag.
    pub possible_duplicate: bool,
}

/// One accelerator of Epoch's ML-hardware table. Performance figures are peak FLOP/s per chip, dense.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accelerator {
    pub row: usize,
    pub name: String,
    pub manufacturer: Option<String>,
    pub kind: Option<String>,
    pub release_date: Option<PubDate>,
    pub price_usd: Option<f64>,
    pub fp32_flops: Option<f64>,
    pub fp16_flops: Option<f64>,
    pub tf32_flops: Option<f64>,
    /// `Tensor-FP16/BF16 performance (FLOP/s)`.
    pub tensor_fp16_flops: Option<f64>,
    pub int8_ops: Option<f64>,
}

/// Parse a date written month first, `m/d/yyyy` (Epoch's clusters table), or any form
/// [`PubDate::parse`] accepts (`yyyy-mm-dd`, `yyyy-mm`, `yyyy`). Impossible dates give `None`.
pub fn parse_month_first_date(text: &str) -> Option<PubDate> {
    let t = text.trim();
    let t = t.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = t.split('/').collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    match parts.as_slice() {
        [m, d, y] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            PubDate::ymd(num(y)? as i32, u8::try_from(num(m)?).ok()?, u8::try_from(num(d)?).ok()?)
        }
        [m, y] if y.len() == 4 && m.len() <= 2 => PubDate::ym(num(y)? as i32, u8::try_from(num(m)?).ok()?),
        [_] => PubDate::parse(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_first_dates() {
        assert_eq!(parse_month_first_date("7/22/2025"), PubDate::ymd(2025, 7, 22));
        assert_eq!(parse_month_first_date("11/15/2024 0:00"), PubDate::ymd(2024, 11, 15));
        assert_eq!(parse_month_first_date("2021-07"), PubDate::ym(2021, 7));
        assert_eq!(parse_month_first_date("2/30/2024"), None);
        assert_eq!(parse_month_first_date("22/7/2025"), None);
        assert_eq!(parse_month_first_date("July 2025"), None);
    }

    #[test]
    fn sectors() {
        assert_eq!(ClusterSector::parse("Public/Private"), Some(ClusterSector::PublicPrivate));
        assert_eq!(ClusterSector::parse(" public-private "), Some(ClusterSector::PublicPrivate));
        assert_eq!(ClusterSector::parse(""), Some(ClusterSector::Unknown));
        assert_eq!(ClusterSector::parse("Government"), Some(ClusterSector::Public));
        assert_eq!(ClusterSector::parse("Military"), None);
        assert_eq!(ClusterStatus::parse("Under construction"), Some(ClusterStatus::Planned));
        assert_eq!(ClusterStatus::parse("Existing"), Some(ClusterStatus::Existing));
    }
}
