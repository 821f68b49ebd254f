//! Colours, fonts and sizes of the exported diagram: the app's canvas theme
//! (`ui/src/canvas/theme.ts`), so an export looks like what the modeller saw.

use super::text::Font;

/// DejaVu Sans first: the text was measured with its widths (see `text.rs`).
pub const FAMILY: &str = "'DejaVu Sans', Verdana, 'Segoe UI', sans-serif";

pub const LANE_NAME: Font = Font::bold(14.0);
pub const LANE_DETAIL: Font = Font::regular(11.5);
pub const NODE_NAME: Font = Font::regular(12.5);
pub const NODE_DETAIL: Font = Font::regular(10.5);
pub const CAPTION: Font = Font::regular(11.5);
pub const FLOW_LABEL: Font = Font::regular(11.0);
pub const CONDITION: Font = Font::regular(10.5);
pub const BADGE: Font = Font::bold(9.5);
pub const TITLE: Font = Font::bold(18.0);
pub const SUBTITLE: Font = Font::regular(11.5);

pub mod line_height {
    pub const LANE_NAME: f64 = 17.0;
    pub const LANE_DETAIL: f64 = 15.0;
    pub const NODE_NAME: f64 = 15.0;
    pub const CAPTION: f64 = 14.0;
    pub const FLOW_TEXT: f64 = 13.0;
}

pub mod colour {
    pub const PAGE: &str = "#ffffff";
    pub const LANE_EVEN: &str = "#ffffff";
    pub const LANE_ODD: &str = "#f6f8fb";
    pub const LANE_BORDER: &str = "#d5dbe4";
    pub const HEADER: &str = "#e9eef5";
    pub const HEADER_BORDER: &str = "#c9d2de";
    pub const LANE_NAME: &str = "#1c2633";
    pub const LANE_TEAM: &str = "#3d4a5c";
    pub const LANE_DETAIL: &str = "#5f6b7c";
    pub const LANE_DETAIL_KEY: &str = "#3d4a5c";
    pub const SHAPE_FILL: &str = "#ffffff";
    pub const SHAPE_STROKE: &str = "#55657b";
    pub const NODE_NAME: &str = "#1c2633";
    pub const NODE_DETAIL: &str = "#667386";
    pub const START_STROKE: &str = "#2f7d52";
    pub const START_FILL: &str = "#f1f9f4";
    pub const END_STROKE: &str = "#a8393a";
    pub const END_FILL: &str = "#fcf1f1";
    pub const GATEWAY_FILL: &str = "#fffaf0";
    pub const GATEWAY_STROKE: &str = "#a0782c";
    pub const CALL_STROKE: &str = "#34445a";
    pub const FLOW: &str = "#5a6678";
    pub const FLOW_LABEL: &str = "#2b3645";
    pub const CONDITION: &str = "#6d7888";
    pub const HALO: &str = "#ffffff";
    pub const HALO_OPACITY: &str = "0.85";
    pub const SLA_FILL: &str = "#fff3de";
    pub const SLA_STROKE: &str = "#d9a24a";
    pub const SLA_TEXT: &str = "#7a4f07";
}

/// Canvas text is drawn with `textBaseline = "middle"`; SVG places the alphabetic baseline, this
/// far (in ems) below the line's middle for DejaVu Sans.
pub const MIDDLE_TO_BASELINE: f64 = 0.36;
