import { RUST_WHITESPACE } from "../whitespace";

/** Wrapped texts kept; past this the cache starts over (it outlives scenes, and processes change). */
const CACHE_LIMIT = 50_000;

/** How much wider than the line a single word may be before it is cut. */
const WHOLE_WORD_OVERHANG = 1.25;

/**
 * Word wrapping for canvas text, cached: measureText is one of the slowest calls on
 * WebKitGTK and the same labels are laid out again on every frame.
 */
export class TextLayout {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  /** `wrapText` measured in `font` on the canvas. */
  wrap(text: string, font: string, maxWidth: number, maxLines: number): string[] {
    if (maxLines <= 0 || !text) return [];
    const key = `${font}\u0000${maxWidth}\u0000${maxLines}\u0000${text}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.ctx.font = font;
    const lines = wrapText(text, maxWidth, maxLines, (t) => this.ctx.measureText(t).width);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, lines);
    return lines;
  }

  width(text: string, font: string): number {
    this.ctx.font = font;
    return this.ctx.measureText(text).width;
  }
}

/** A joining mark a word wider than the line may break after (`po_` `matched`, `cost-` `centre`). */
const JOINING = new Set(["_", "-", "/", "."]);

/**
 * Splits `text` into at most `maxLines` lines no wider than `maxWidth` as `measure` measures;
 * what does not fit ends in an ellipsis. A word wider than the line breaks after its last
 * joining mark that fits, stays whole if only a little too wide, and is cut otherwise. The rules
 * of `src/export/diagram/text.rs` (`wrap`), pinned by `tests/fixtures/twins/wrap.json`;
 * characters are code points, as in Rust.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (text: string) => number): string[] {
  const words = text.split(RUST_WHITESPACE).filter(Boolean);
  if (maxLines <= 0 || words.length === 0) return [];
  const fits = (t: string) => measure(t) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      index++;
      continue;
    }
    if (!line) {
      // A word wider than the line: a little too wide stays whole (it reads better
      // overhanging than cut); a much wider one is cut where it overflows.
      const chars = Array.from(word);
      const cut = breakInside(chars, fits) ?? (measure(word) <= maxWidth * WHOLE_WORD_OVERHANG ? chars.length : longestFittingPrefix(chars, fits));
      lines.push(chars.slice(0, cut).join(""));
      if (cut < chars.length) words[index] = chars.slice(cut).join("");
      else index++;
    } else {
      lines.push(line);
      line = "";
    }
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) {
    lines.push(line);
    line = "";
  }
  const truncated = index < words.length || line !== "";
  if (truncated && lines.length > 0) lines[lines.length - 1] = ellipsize(lines[lines.length - 1]!, fits);
  return lines;
}

/** The longest prefix that fits and ends in a joining mark, if any. */
function breakInside(chars: string[], fits: (text: string) => boolean): number | null {
  for (let i = chars.length - 1; i >= 1; i--) {
    if (JOINING.has(chars[i - 1]!) && fits(chars.slice(0, i).join(""))) return i;
  }
  return null;
}

function longestFittingPrefix(chars: string[], fits: (text: string) => boolean): number {
  let length = chars.length - 1;
  while (length > 1 && !fits(chars.slice(0, length).join(""))) length--;
  return Math.max(1, length);
}

function ellipsize(line: string, fits: (text: string) => boolean): string {
  const kept = Array.from(line);
  while (kept.length > 0 && !fits(`${kept.join("")}…`)) kept.pop();
  return `${kept.join("").trimEnd()}…`;
}

export interface BlockStyle {
  font: string;
  fill: string;
  lineHeight: number;
  /** Outline in the background colour so text stays readable where it crosses a line. */
  halo?: string;
  maxLines: number;
}

/** Paints wrapped text whose first line is centred on `y`, further lines growing up or down. */
export function paintBlock(
  ctx: CanvasRenderingContext2D,
  layout: TextLayout,
  block: { text: string; x: number; y: number; align: CanvasTextAlign; grow: "up" | "down"; maxWidth: number },
  style: BlockStyle,
): void {
  const lines = layout.wrap(block.text, style.font, block.maxWidth, style.maxLines);
  ctx.font = style.font;
  ctx.textAlign = block.align;
  ctx.textBaseline = "middle";
  ctx.fillStyle = style.fill;
  if (style.halo) {
    ctx.lineJoin = "round";
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = style.halo;
  }
  const step = block.grow === "down" ? style.lineHeight : -style.lineHeight;
  // Growing up, the last line is the one at the anchor.
  const ordered = block.grow === "down" ? lines : [...lines].reverse();
  ordered.forEach((line, i) => {
    const y = block.y + i * step;
    if (style.halo) ctx.strokeText(line, block.x, y);
    ctx.fillText(line, block.x, y);
  });
}
