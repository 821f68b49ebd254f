/** How much wider than the line a single word may be before it is cut. */
const WHOLE_WORD_OVERHANG = 1.25;

/**
 * Word wrapping for canvas text, cached: measureText is one of the slowest calls on
 * WebKitGTK and the same labels are laid out again on every frame.
 */
export class TextLayout {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  /**
   * Splits `text` into at most `maxLines` lines no wider than `maxWidth` in `font`;
   * what does not fit ends in an ellipsis. Words longer than a line are cut.
   */
  wrap(text: string, font: string, maxWidth: number, maxLines: number): string[] {
    if (maxLines <= 0 || !text) return [];
    const key = `${font}\u0000${maxWidth}\u0000${maxLines}\u0000${text}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.ctx.font = font;
    const lines = this.layOut(text, maxWidth, maxLines);
    this.cache.set(key, lines);
    return lines;
  }

  width(text: string, font: string): number {
    this.ctx.font = font;
    return this.ctx.measureText(text).width;
  }

  private layOut(text: string, maxWidth: number, maxLines: number): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = "";
    let index = 0;
    while (index < words.length) {
      const word = words[index]!;
      const candidate = line ? `${line} ${word}` : word;
      if (this.fits(candidate, maxWidth)) {
        line = candidate;
        index++;
        continue;
      }
      if (!line) {
        // A word wider than the line: a little too wide stays whole (it reads better
        // overhanging than cut); a much wider one is cut where it overflows.
        const overhang = this.ctx.measureText(word).width <= maxWidth * WHOLE_WORD_OVERHANG;
        const cut = overhang ? word.length : this.longestFittingPrefix(word, maxWidth);
        lines.push(word.slice(0, cut));
        if (cut < word.length) words[index] = word.slice(cut);
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
    if (truncated && lines.length > 0) {
      lines[lines.length - 1] = this.ellipsize(lines[lines.length - 1]!, maxWidth);
    }
    return lines;
  }

  private fits(text: string, maxWidth: number): boolean {
    return this.ctx.measureText(text).width <= maxWidth;
  }

  private longestFittingPrefix(word: string, maxWidth: number): number {
    let length = word.length - 1;
    while (length > 1 && !this.fits(word.slice(0, length), maxWidth)) length--;
    return Math.max(1, length);
  }

  private ellipsize(line: string, maxWidth: number): string {
    let kept = line;
    while (kept.length > 0 && !this.fits(`${kept}…`, maxWidth)) kept = kept.slice(0, -1);
    return `${kept.trimEnd()}…`;
  }
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
