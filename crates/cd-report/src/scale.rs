//! Axis scales and tick placement for the figures: linear, log10, calendar-year and categorical axes.
//!
//! Everything here is geometry: data values to pixels, and which ticks to label so that labels never
//! overlap (the number of ticks is bounded by the pixels available for each label). It computes no
//! statistic and knows nothing about models or teams.

/// One part of a tick label: plain text, or a superscript (the exponent of `10^x`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LabelPart {
    pub text: String,
    pub sup: bool,
}

/// A tick: its data value and its label (one or more parts).
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: Vec<LabelPart>,
}

impl Tick {
    fn plain(value: f64, text: String) -> Tick {
        Tick { value, label: vec![LabelPart { text, sup: false }] }
    }

    /// Estimated rendered width in pixels at `font_px` (superscripts at 72%).
    pub fn width_px(&self, font_px: f64) -> f64 {
        self.label.iter().map(|p| text_width_px(&p.text, if p.sup { font_px * 0.72 } else { font_px })).sum()
    }
}

/// Estimated width of a label in a sans-serif font: 0.58 em per character, narrow digits and
/// punctuation a little less. An estimate is enough to keep labels apart; it errs on the wide side.
pub fn text_width_px(text: &str, font_px: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '.' | ',' | ':' | ';' | '|' | 'i' | 'l' | 'j' | '\'' | ' ' => 0.32,
            'm' | 'w' | 'M' | 'W' => 0.9,
            c if c.is_ascii_uppercase() => 0.68,
            _ => 0.58,
        })
        .sum::<f64>()
        * font_px
}

/// How an axis maps values and labels its ticks.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisKind {
    /// Plain numbers.
    Linear,
    /// Shares in [0, 1], labelled as percentages.
    Percent,
    /// Values that are already log10 of the quantity; ticks at integer exponents labelled 10^x.
    Log10,
    /// Decimal years; ticks at whole years labelled as years.
    Year,
    /// Evenly spaced categories; value i is the centre of category i.
    Category(Vec<String>),
}

/// A 1-D mapping from data values to pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub kind: AxisKind,
    pub min: f64,
    pub max: f64,
    /// Pixel of `min` and of `max` (for a y axis `p0 > p1`).
    pub p0: f64,
    pub p1: f64,
}

impl Scale {
    pub fn new(kind: AxisKind, min: f64, max: f64, p0: f64, p1: f64) -> Scale {
        let (min, max) = match &kind {
            AxisKind::Category(c) => (-0.5, c.len().max(1) as f64 - 0.5),
            _ if max > min => (min, max),
            _ => (min - 0.5, min + 0.5),
        };
        Scale { kind, min, max, p0, p1 }
    }

    pub fn px(&self, v: f64) -> f64 {
        let t = (v - self.min) / (self.max - self.min);
        self.p0 + t * (self.p1 - self.p0)
    }

    /// Pixel width of one unit (for categories: one category).
    pub fn unit_px(&self) -> f64 {
        ((self.p1 - self.p0) / (self.max - self.min)).abs()
    }

    /// Ticks such that neighbouring labels are at least `min_spacing_px` apart (centre to centre);
    /// `label_px` estimates the extent of a label along the axis (width for x, height for y).
    pub fn ticks(&self, min_spacing_px: f64, label_px: &dyn Fn(&Tick) -> f64) -> Vec<Tick> {
        let span_px = (self.p1 - self.p0).abs();
        match &self.kind {
            AxisKind::Category(labels) => {
                let all: Vec<Tick> =
                    labels.iter().enumerate().map(|(i, l)| Tick::plain(i as f64, l.clone())).collect();
                let widest = all.iter().map(label_px).fold(0.0, f64::max);
                let need = widest + min_spacing_px * 0.4;
                let every = ((need / self.unit_px()).ceil() as usize).max(1);
                all.into_iter().enumerate().filter(|(i, _)| i % every == 0).map(|(_, t)| t).collect()
            }
            AxisKind::Log10 => {
                integer_ticks(self, min_spacing_px, label_px, &[1, 2, 3, 4, 5, 10, 20], 50, |e| Tick {
                    value: e as f64,
                    label: vec![
                        LabelPart { text: "10".into(), sup: false },
                        LabelPart { text: format_int(e), sup: true },
                    ],
                })
            }
            AxisKind::Year => {
                integer_ticks(self, min_spacing_px, label_px, &[1, 2, 5, 10, 20, 25, 50, 100], 200, |y| {
                    Tick::plain(y as f64, y.to_string())
                })
            }
            AxisKind::Linear | AxisKind::Percent => {
                let percent = self.kind == AxisKind::Percent;
                let range = self.max - self.min;
                let mut target = (span_px / min_spacing_px).floor().clamp(2.0, 12.0);
                loop {
                    let step = nice_step(range / target);
                    let decimals = decimals_for(if percent { step * 100.0 } else { step });
                    let first = (self.min / step - 1e-9).ceil();
                    let t: Vec<Tick> = (0..)
                        .map(|k| (first + k as f64) * step)
                        .take_while(|v| *v <= self.max + step * 1e-9)
                        .map(|v| {
                            let v = if v.abs() < step * 1e-9 { 0.0 } else { v };
                            let text = if percent {
                                format!("{:.*}%", decimals, v * 100.0)
                            } else {
                                format!("{v:.decimals$}")
                            };
                            Tick::plain(v, text)
                        })
                        .collect();
                    if target <= 2.0 || fits(&t, self, min_spacing_px, label_px) {
                        return t;
                    }
                    target -= 1.0;
                }
            }
        }
    }
}

/// Ticks at the integer multiples of the first step in `steps` whose labels do not crowd (`last` when
/// none fits), for axes whose ticks are whole numbers (log10 exponents, years).
fn integer_ticks(
    scale: &Scale,
    min_spacing_px: f64,
    label_px: &dyn Fn(&Tick) -> f64,
    steps: &[i64],
    last: i64,
    tick: impl Fn(i64) -> Tick,
) -> Vec<Tick> {
    let lo = scale.min.ceil() as i64;
    let hi = scale.max.floor() as i64;
    let make = |step: i64| -> Vec<Tick> {
        let first = lo.div_euclid(step) * step;
        let first = if first < lo { first + step } else { first };
        (0..).map(|k| first + k * step).take_while(|v| *v <= hi).map(&tick).collect()
    };
    for &step in steps {
        let t = make(step);
        if fits(&t, scale, min_spacing_px, label_px) {
            return t;
        }
    }
    make(last)
}

fn fits(ticks: &[Tick], scale: &Scale, min_spacing_px: f64, label_px: &dyn Fn(&Tick) -> f64) -> bool {
    ticks.windows(2).all(|w| {
        let gap = (scale.px(w[1].value) - scale.px(w[0].value)).abs();
        gap >= min_spacing_px.max((label_px(&w[0]) + label_px(&w[1])) / 2.0 + 6.0)
    })
}

fn format_int(e: i64) -> String {
    // A true minus sign reads better in an exponent than a hyphen.
    if e < 0 {
        format!("\u{2212}{}", -e)
    } else {
        e.to_string()
    }
}

/// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

fn decimals_for(step: f64) -> usize {
    let mut d = 0;
    while d < 6 && ((step * 10f64.powi(d as i32)).round() - step * 10f64.powi(d as i32)).abs() > 1e-6 {
        d += 1;
    }
    d
}

/// Round a domain outwards to the ticks of a `nice_step` (for linear and percent axes).
pub fn nice_domain(min: f64, max: f64, target_ticks: f64) -> (f64, f64) {
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
        return (min - 0.5, min + 0.5);
    }
    let step = nice_step((max - min) / target_ticks);
    ((min / step).floor() * step, (max / step).ceil() * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(t: &[Tick]) -> Vec<String> {
        t.iter().map(|t| t.label.iter().map(|p| p.text.clone()).collect::<Vec<_>>().join("^")).collect()
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(0.2), 0.2);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(22.0), 25.0);
        assert_eq!(nice_step(0.07), 0.1);
        assert_eq!(nice_domain(0.03, 0.87, 5.0), (0.0, 1.0));
    }

    #[test]
    fn log_ticks_thin_when_dense() {
        // 1e10 .. 1e26 over 160 px: 17 exponents cannot all be labelled 14 px apart.
        let s = Scale::new(AxisKind::Log10, 10.0, 26.0, 200.0, 40.0);
        let t = s.ticks(14.0, &|_| 12.0);
        assert_eq!(
            labels(&t),
            ["10^10", "10^12", "10^14", "10^16", "10^18", "10^20", "10^22", "10^24", "10^26"]
        );
        let roomy = Scale::new(AxisKind::Log10, -1.5, 2.2, 400.0, 0.0);
        assert_eq!(labels(&roomy.ticks(14.0, &|_| 12.0)), ["10^−1", "10^0", "10^1", "10^2"]);
    }

    #[test]
    fn year_ticks_step_with_width() {
        let wide = Scale::new(AxisKind::Year, 2009.3, 2025.4, 0.0, 1200.0);
        let t = wide.ticks(30.0, &|t| t.width_px(11.0));
        assert_eq!(t.len(), 16);
        assert_eq!(t[0].value, 2010.0);
        let narrow = Scale::new(AxisKind::Year, 1950.0, 2025.4, 0.0, 300.0);
        // 3.98 px a year: 5-year steps (19.9 px) are closer than a 4-digit label (25.5 px + 6), 10-year fit.
        assert_eq!(
            labels(&narrow.ticks(30.0, &|t| t.width_px(11.0))),
            ["1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
        );
    }

    #[test]
    fn percent_and_linear_ticks() {
        let s = Scale::new(AxisKind::Percent, 0.0, 1.0, 300.0, 0.0);
        assert_eq!(labels(&s.ticks(40.0, &|_| 12.0)), ["0%", "20%", "40%", "60%", "80%", "100%"]);
        let l = Scale::new(AxisKind::Linear, -1.0, 2.5, 0.0, 400.0);
        // 400 px / 3.5 units: half-unit steps are 57 px apart, too close for 60 px but fine for 50 px.
        assert_eq!(labels(&l.ticks(60.0, &|t| t.width_px(11.0))), ["-1", "0", "1", "2"]);
        assert_eq!(
            labels(&l.ticks(50.0, &|t| t.width_px(11.0))),
            ["-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]
        );
    }

    #[test]
    fn category_labels_thinned() {
        let cats: Vec<String> = (2000..2026).map(|y| y.to_string()).collect();
        let s = Scale::new(AxisKind::Category(cats), 0.0, 0.0, 0.0, 260.0);
        let t = s.ticks(10.0, &|t| t.width_px(11.0));
        // 26 categories of 10 px each; a 4-digit label needs ~25.5 + 4 px, so every third is labelled.
        assert_eq!(labels(&t)[..3], ["2000", "2003", "2006"]);
        assert_eq!(s.px(0.0), 5.0);
    }
}
