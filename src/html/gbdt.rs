//! Gradient-boosted decision trees: the HTML line model's form.
//!
//! Every tree is a complete binary tree of depth [`DEPTH`], stored in
//! breadth-first order: internal node `i` (0-based, `i < 2^DEPTH - 1`) sends a
//! feature vector `x` to child `2i + 1` when `x[feature] <= threshold`, else to
//! `2i + 2`; the `2^DEPTH` leaves hold additive log-odds. A node the trainer did
//! not split has threshold `+inf` and both subtrees give the same value. The
//! trees boost a linear model: the score is `sigmoid(base + w·x + sum of the
//! leaves reached)` (the linear part keeps the model smooth on pages unlike the
//! training pages; the trees correct it where features interact).
//!
//! The compiled model (`model.rs`) is written by `scripts/train_extractor.py`;
//! [`Gbdt::from_json`] reads the same model from the script's JSON (for its
//! cross-validation, without recompiling).

use crate::error::{Error, Result};

/// Depth of every tree.
pub const DEPTH: usize = 4;
/// Internal nodes per tree.
pub const NODES: usize = (1 << DEPTH) - 1;
/// Leaves per tree.
pub const LEAVES: usize = 1 << DEPTH;

/// A boosted-trees model over `n_features` inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Gbdt {
    base: f32,
    n_features: usize,
    /// One weight per feature (empty: no linear part).
    linear: Vec<f32>,
    /// Per tree: NODES features.
    features: Vec<u8>,
    /// Per tree: NODES thresholds.
    thresholds: Vec<f32>,
    /// Per tree: LEAVES values.
    leaves: Vec<f32>,
}

impl Gbdt {
    /// A model from flat arrays (`features`/`thresholds`: `NODES` per tree,
    /// `leaves`: `LEAVES` per tree). Fails when the sizes do not agree or a
    /// feature index is out of range.
    pub fn new(
        base: f32,
        n_features: usize,
        linear: Vec<f32>,
        features: Vec<u8>,
        thresholds: Vec<f32>,
        leaves: Vec<f32>,
    ) -> Result<Gbdt> {
        let trees = leaves.len() / LEAVES;
        if !leaves.len().is_multiple_of(LEAVES)
            || features.len() != trees * NODES
            || thresholds.len() != trees * NODES
        {
            return Err(Error::option(format!(
                "a boosted-trees model needs {NODES} features and thresholds and {LEAVES} leaves per \
                 tree; got {} / {} / {}",
                features.len(),
                thresholds.len(),
                leaves.len()
            )));
        }
        if !linear.is_empty() && linear.len() != n_features {
            return Err(Error::option(format!(
                "the linear part has {} weights for {n_features} features",
                linear.len()
            )));
        }
        if let Some(&f) = features.iter().find(|&&f| usize::from(f) >= n_features) {
            return Err(Error::option(format!(
                "feature index {f} out of range for {n_features} features"
            )));
        }
        Ok(Gbdt {
            base,
            n_features,
            linear,
            features,
            thresholds,
            leaves,
        })
    }

    /// The model in the training script's JSON: `{"base": b, "linear": [...], "features":
    /// [...], "thresholds": [...], "leaves": [...]}` (thresholds may be
    /// `null` for `+inf`).
    pub fn from_json(json: &str, n_features: usize) -> Result<Gbdt> {
        let v: serde_json::Value = serde_json::from_str(json)?;
        let nums = |k: &str| -> Result<Vec<f32>> {
            v.get(k)
                .and_then(|a| a.as_array())
                .ok_or_else(|| Error::option(format!("model JSON has no array {k:?}")))?
                .iter()
                .map(|x| Ok(x.as_f64().map_or(f32::INFINITY, |f| f as f32)))
                .collect()
        };
        let features = nums("features")?
            .into_iter()
            .map(|f| {
                if (0.0..256.0).contains(&f) {
                    Ok(f as u8)
                } else {
                    Err(Error::option(format!("bad feature index {f}")))
                }
            })
            .collect::<Result<Vec<u8>>>()?;
        let base = v.get("base").and_then(|b| b.as_f64()).unwrap_or(0.0) as f32;
        let linear = if v.get("linear").is_some() {
            nums("linear")?
        } else {
            Vec::new()
        };
        Gbdt::new(
            base,
            n_features,
            linear,
            features,
            nums("thresholds")?,
            nums("leaves")?,
        )
    }

    /// Number of inputs.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The log-odds for `x` (at least `n_features` long).
    pub fn margin(&self, x: &[f32]) -> f32 {
        let mut z = self.base;
        for (w, v) in self.linear.iter().zip(x) {
            z += w * v;
        }
        for ((f, t), l) in self
            .features
            .chunks_exact(NODES)
            .zip(self.thresholds.chunks_exact(NODES))
            .zip(self.leaves.chunks_exact(LEAVES))
        {
            let mut i = 0;
            while i < NODES {
                let go_right = x[usize::from(f[i])] > t[i];
                i = 2 * i + 1 + usize::from(go_right);
            }
            z += l[i - NODES];
        }
        z
    }

    /// Whether the model is linear (no trees): then its margin is a sum
    /// over features, and parts of the input can be scored apart
    /// ([`Gbdt::linear_part`]).
    pub fn is_linear(&self) -> bool {
        self.features.is_empty()
    }

    /// The linear part's sum over the features `from..from + x.len()` (no
    /// base, no trees).
    pub fn linear_part(&self, x: &[f32], from: usize) -> f32 {
        let w = self.linear.get(from..).unwrap_or(&[]);
        w.iter().zip(x).map(|(w, v)| w * v).sum()
    }

    /// The intercept (log-odds before any feature).
    pub fn base(&self) -> f32 {
        self.base
    }

    /// The probability for `x`.
    pub fn predict(&self, x: &[f32]) -> f32 {
        1.0 / (1.0 + (-self.margin(x)).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_stump() {
        // root splits on feature 1 at 0.5; deeper nodes never split
        let mut feats = vec![0u8; NODES];
        feats[0] = 1;
        let mut thr = vec![f32::INFINITY; NODES];
        thr[0] = 0.5;
        let mut leaves = vec![0f32; LEAVES];
        // all-left path ends at leaf 0; the right subtree's all-left path at leaf LEAVES/2
        leaves[0] = -2.0;
        leaves[LEAVES / 2] = 3.0;
        let m = Gbdt::new(0.5, 2, Vec::new(), feats, thr, leaves).unwrap();
        assert_eq!(m.margin(&[0.0, 0.2]), -1.5);
        assert_eq!(m.margin(&[0.0, 0.9]), 3.5);
        assert!(Gbdt::new(
            0.0,
            1,
            vec![],
            vec![3; NODES],
            vec![0.0; NODES],
            vec![0.0; LEAVES]
        )
        .is_err());
        assert!(Gbdt::new(
            0.0,
            1,
            vec![],
            vec![0; 3],
            vec![0.0; NODES],
            vec![0.0; LEAVES]
        )
        .is_err());
        assert!(Gbdt::new(
            0.0,
            1,
            vec![1.0; 2],
            vec![0; NODES],
            vec![0.0; NODES],
            vec![0.0; LEAVES]
        )
        .is_err());
        let lin = Gbdt::new(
            0.5,
            2,
            vec![1.0, -1.0],
            m.features.clone(),
            m.thresholds.clone(),
            m.leaves.clone(),
        )
        .unwrap();
        assert!((lin.margin(&[2.0, 0.2]) - (-1.5 + 2.0 - 0.2)).abs() < 1e-6);
        let j = Gbdt::from_json(
            &format!(
                "{{\"base\": 0.5, \"features\": {:?}, \"thresholds\": [0.5{}], \"leaves\": {:?}}}",
                m.features,
                ", null".repeat(NODES - 1),
                m.leaves
            ),
            2,
        )
        .unwrap();
        assert_eq!(j, m);
    }
}
