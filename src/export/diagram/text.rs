//! Text measurement and word wrapping without a font file: the advance widths of DejaVu Sans
//! (the font the PNG is drawn with, and the widest of the usual sans faces) so wrapped text fits
//! its box whichever sans face a viewer substitutes.

/// A font as the diagram uses it: a size in world units and regular or bold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Self {
        Font { size, bold: false }
    }
    pub const fn bold(size: f64) -> Self {
        Font { size, bold: true }
    }
}

/// Advance widths of ASCII 32..=126 in thousandths of an em, DejaVu Sans Book.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// Advance widths of ASCII 32..=126 in thousandths of an em, DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// How much wider than the line a single word may be before it is cut.
const WHOLE_WORD_OVERHANG: f64 = 1.25;

fn advance(c: char, bold: bool) -> f64 {
    let code = c as u32;
    match code {
        32..=126 => {
            let table = if bold { &BOLD } else { &REGULAR };
            f64::from(table[(code - 32) as usize]) / 1000.0
        }
        0x2026 | 0x2014 => 1.0,
        // East Asian scripts and symbols are about a square each.
        0x2E80.. => 1.0,
        _ if c.is_whitespace() => advance(' ', bold),
        _ => {
            if bold {
                0.70
            } else {
                0.64
            }
        }
    }
}

pub fn width(text: &str, font: Font) -> f64 {
    text.chars().map(|c| advance(c, font.bold)).sum::<f64>() * font.size
}

/// Splits `text` into at most `max_lines` lines no wider than `max_width`; what does not fit ends
/// in an ellipsis. Words much wider than a line are cut. The same rules as the app's canvas.
pub fn wrap(text: &str, font: Font, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if max_lines == 0 || words.is_empty() {
        return Vec::new();
    }
    let fits = |t: &str| width(t, font) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut index = 0;
    while index < words.len() {
        let word = words[index].clone();
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            index += 1;
            continue;
        }
        if line.is_empty() {
            // A little too wide stays whole (it reads better overhanging than cut).
            let chars: Vec<char> = word.chars().collect();
            let cut = if let Some(cut) = break_inside(&chars, font, max_width) {
                cut
            } else if width(&word, font) <= max_width * WHOLE_WORD_OVERHANG {
                chars.len()
            } else {
                let mut length = chars.len() - 1;
                while length > 1 && !fits(&chars[..length].iter().collect::<String>()) {
                    length -= 1;
                }
                length.max(1)
            };
            lines.push(chars[..cut].iter().collect());
            if cut < chars.len() {
                words[index] = chars[cut..].iter().collect();
            } else {
                index += 1;
            }
        } else {
            lines.push(std::mem::take(&mut line));
        }
        if lines.len() == max_lines {
            break;
        }
    }
    if !line.is_empty() && lines.len() < max_lines {
        lines.push(std::mem::take(&mut line));
    }
    let truncated = index < words.len() || !line.is_empty();
    if truncated {
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, font, max_width);
        }
    }
    lines
}

/// Where a word wider than the line may break after a joining mark (`po_` `matched`,
/// `cost-` `centre`, `a/` `b`): the longest prefix that fits and ends in one.
fn break_inside(chars: &[char], font: Font, max_width: f64) -> Option<usize> {
    (1..chars.len())
        .rev()
        .filter(|&i| matches!(chars[i - 1], '_' | '-' | '/' | '.'))
        .find(|&i| width(&chars[..i].iter().collect::<String>(), font) <= max_width)
}

fn ellipsize(line: &str, font: Font, max_width: f64) -> String {
    let mut kept: Vec<char> = line.chars().collect();
    while !kept.is_empty()
        && width(&format!("{}…", kept.iter().collect::<String>()), font) > max_width
    {
        kept.pop();
    }
    format!("{}…", kept.iter().collect::<String>().trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: Font = Font::regular(10.0);

    #[test]
    fn wraps_at_word_boundaries_and_ellipsises_the_rest() {
        let lines = wrap("Check purchase order and delivery note", FONT, 80.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines
            .iter()
            .all(|l| width(l, FONT) <= 80.0 * WHOLE_WORD_OVERHANG));
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(wrap("Short", FONT, 80.0, 2), ["Short"]);
        assert!(wrap("   ", FONT, 80.0, 2).is_empty());
    }

    #[test]
    fn cuts_a_word_much_wider_than_the_line() {
        let lines = wrap("Supercalifragilisticexpialidocious", FONT, 40.0, 5);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "Supercalifragilisticexpialidocious");
    }
}
