//! A uniform grid over diagram space (`ui/src/canvas/spatialGrid.ts`): boxes are filed in every
//! cell they touch, so asking what meets a small area looks at a few cells, not every box. Keeps
//! routing and text placement near linear on processes with thousands of nodes.

use std::collections::HashMap;

use super::geometry::intersects;
use crate::model::Bounds;

const CELL: f64 = 256.0;

#[derive(Default)]
pub struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
    boxes: Vec<Bounds>,
}

impl Grid {
    /// Files `b` as the next item; returns its index.
    pub fn insert(&mut self, b: Bounds) -> usize {
        let item = self.boxes.len();
        self.boxes.push(b);
        for key in cells(&b) {
            self.cells.entry(key).or_default().push(item);
        }
        item
    }

    pub fn get(&self, item: usize) -> &Bounds {
        &self.boxes[item]
    }

    /// Items whose box intersects `area` (touching counts), each once, in ascending order.
    pub fn query(&self, area: &Bounds) -> Vec<usize> {
        let mut found: Vec<usize> = cells(area)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
            .filter(|&i| intersects(&self.boxes[i], area))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn cells(b: &Bounds) -> impl Iterator<Item = (i64, i64)> {
    let cell = |v: f64| (v / CELL).floor() as i64;
    let (x0, x1) = (cell(b.x), cell(b.x + b.w));
    let (y0, y1) = (cell(b.y), cell(b.y + b.h));
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}
