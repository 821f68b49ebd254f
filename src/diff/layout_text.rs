//! Layout changes in words, for people: "moved 80 px right", "moved into lane Finance",
//! "resized to 160 × 80". The diff's JSON keeps the numbers beside them.

use crate::model::{Bounds, Point};

/// How a node's box changed; `into_lane` names its new lane when it went to another one (its
/// position is then relative to a different lane, so only the horizontal shift is said).
pub(super) fn bounds_says(
    old: Option<&Bounds>,
    new: Option<&Bounds>,
    into_lane: Option<&str>,
) -> String {
    let (Some(o), Some(n)) = (old, new) else {
        return if new.is_some() {
            "placed".into()
        } else {
            "no longer placed".into()
        };
    };
    let mut parts = Vec::new();
    match into_lane {
        Some(lane) => parts.push(join_moves(
            "moved into lane ".to_string() + lane,
            n.x - o.x,
            0.0,
        )),
        None if n.x != o.x || n.y != o.y => {
            parts.push(join_moves("moved".into(), n.x - o.x, n.y - o.y))
        }
        None => {}
    }
    if n.w != o.w || n.h != o.h {
        parts.push(format!("resized to {} × {}", n.w, n.h));
    }
    parts.join(", ")
}

/// "moved 80 px right and 40 px down"; `head` alone when it did not move.
fn join_moves(head: String, dx: f64, dy: f64) -> String {
    let along = |d: f64, plus: &str, minus: &str| {
        (d != 0.0).then(|| format!("{} px {}", d.abs(), if d > 0.0 { plus } else { minus }))
    };
    let moves: Vec<String> = [along(dx, "right", "left"), along(dy, "down", "up")]
        .into_iter()
        .flatten()
        .collect();
    let sep = if head == "moved" { " " } else { ", " };
    if moves.is_empty() {
        head
    } else {
        format!("{head}{sep}{}", moves.join(" and "))
    }
}

/// "40 px taller", "20 px lower"-style wording for a lane's height.
pub(super) fn height_says(old: Option<f64>, new: Option<f64>) -> String {
    match (old, new) {
        (Some(o), Some(n)) if n > o => format!("{} px taller", n - o),
        (Some(o), Some(n)) => format!("{} px shorter", o - n),
        (None, Some(n)) => format!("height set to {n} px"),
        _ => "height back to the default".into(),
    }
}

/// How a flow's bend points changed.
pub(super) fn bends_says(old: Option<&[Point]>, new: Option<&[Point]>) -> String {
    let count = |p: Option<&[Point]>| p.map_or(0, <[Point]>::len);
    match (count(old), count(new)) {
        (0, n) => format!("routed through {n} bend point{}", plural(n)),
        (_, 0) => "drawn straight".into(),
        (o, n) if o == n => "bend points moved".into(),
        (_, n) => format!("rerouted through {n} bend point{}", plural(n)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64, w: f64, h: f64) -> Bounds {
        Bounds { x, y, w, h }
    }

    #[test]
    fn a_box_says_how_it_moved_or_was_resized() {
        let was = at(947.0, 47.0, 140.0, 64.0);
        let cases = [
            (at(1027.0, 47.0, 140.0, 64.0), None, "moved 80 px right"),
            (
                at(907.0, 87.0, 140.0, 64.0),
                None,
                "moved 40 px left and 40 px down",
            ),
            (at(947.0, 47.0, 160.0, 80.0), None, "resized to 160 × 80"),
            (
                at(1027.0, 7.0, 160.0, 64.0),
                None,
                "moved 80 px right and 40 px up, resized to 160 × 64",
            ),
            (
                at(947.0, 60.0, 140.0, 64.0),
                Some("Finance"),
                "moved into lane Finance",
            ),
            (
                at(1027.0, 60.0, 140.0, 64.0),
                Some("Finance"),
                "moved into lane Finance, 80 px right",
            ),
        ];
        for (now, lane, says) in cases {
            assert_eq!(bounds_says(Some(&was), Some(&now), lane), says);
        }
    }

    #[test]
    fn lanes_and_bends_say_what_changed() {
        assert_eq!(height_says(Some(160.0), Some(200.0)), "40 px taller");
        assert_eq!(height_says(Some(200.0), Some(160.0)), "40 px shorter");
        let p = Point { x: 1.0, y: 2.0 };
        assert_eq!(bends_says(None, Some(&[p])), "routed through 1 bend point");
        assert_eq!(bends_says(Some(&[p]), Some(&[])), "drawn straight");
        assert_eq!(
            bends_says(Some(&[p]), Some(&[Point { x: 5.0, y: 2.0 }])),
            "bend points moved"
        );
    }
}
