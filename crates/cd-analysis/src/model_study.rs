//! The model analyses of the report, run together (in parallel; each is deterministic, so the order of
//! execution changes nothing).

use crate::gap::GapResult;
use crate::lineage::LineageResult;
use crate::openness::OpennessResult;
use crate::shares::SharesResult;
use crate::speccurve::{SpecCurveResult, Vintage};
use crate::trends::TrendsResult;
use cd_domain::{ClassifiedModel, Definitions};

/// The results of the model analyses on one vintage, and the specification curve over `vintages`.
#[derive(Debug, Clone)]
pub struct ModelStudy {
    pub trends: TrendsResult,
    pub shares: SharesResult,
    pub gap: GapResult,
    pub openness: OpennessResult,
    pub lineage: LineageResult,
    pub speccurve: SpecCurveResult,
}

/// Trends, shares, gap, openness and lineage of `models`, and the specification curve of `vintages`.
pub fn model_study(models: &[ClassifiedModel], vintages: &[Vintage], defs: &Definitions) -> ModelStudy {
    let ((trends, shares), ((gap, openness), (lineage, speccurve))) = rayon::join(
        || rayon::join(|| crate::trends::trends(models, defs), || crate::shares::shares(models, defs)),
        || {
            rayon::join(
                || rayon::join(|| crate::gap::gap(models, defs), || crate::openness::openness(models, defs)),
                || {
                    rayon::join(
                        || crate::lineage::lineage(models, defs),
                        || crate::speccurve::spec_curve(vintages, defs),
                    )
                },
            )
        },
    );
    ModelStudy { trends, shares, gap, openness, lineage, speccurve }
}
