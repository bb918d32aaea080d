//! News-grade sentence splitting (being written).
