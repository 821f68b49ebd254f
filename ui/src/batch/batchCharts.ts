import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { BatchResult } from "../generated/BatchResult";

// Only the parts these three charts use, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const COLOURS = ["#2563c9", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#be185d"];
const OTHER = "#9aa5b5";

/** The three charts of a batch run; `draw` replaces what is shown, `clear` frees the canvases. */
export class BatchCharts {
  private charts: Chart[] = [];

  constructor(
    private readonly histogram: HTMLCanvasElement,
    private readonly utilisation: HTMLCanvasElement,
    private readonly queues: HTMLCanvasElement,
  ) {}

  /** `base` with, when given, `other` beside it (histogram and utilisation). */
  draw(base: { label: string; result: BatchResult }, other: { label: string; result: BatchResult } | null): void {
    this.clear();
    this.charts.push(histogramChart(this.histogram, base, other));
    this.charts.push(utilisationChart(this.utilisation, base, other));
    this.charts.push(queueChart(this.queues, base));
  }

  clear(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}

const common = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/** Cycle time in days on a shared axis, so two runs' buckets line up. */
function histogramChart(canvas: HTMLCanvasElement, base: Side, other: Side | null): Chart {
  const sides = other ? [base, other] : [base];
  const max = Math.max(...sides.map((s) => s.result.cycle_time.max_hours));
  const buckets = 30;
  const width = max > 0 ? max / buckets : 1;
  const counts = sides.map((side) => {
    const { histogram, bucket_hours } = side.result.cycle_time;
    const rebinned = new Array<number>(buckets).fill(0);
    histogram.forEach((count, i) => {
      const centre = (i + 0.5) * bucket_hours;
      const index = Math.min(buckets - 1, Math.floor(centre / width));
      rebinned[index] = (rebinned[index] ?? 0) + count;
    });
    return rebinned;
  });
  const labels = counts[0]!.map((_, i) => ((i + 0.5) * width / 24).toFixed(1));
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: sides.map((side, i) => ({
        label: `${side.label}: instances`,
        data: counts[i]!,
        backgroundColor: i === 0 ? COLOURS[0] : OTHER,
        categoryPercentage: 1,
        barPercentage: 0.95,
      })),
    },
    options: {
      ...common,
      plugins: { title: { display: false }, legend: { display: sides.length > 1 } },
      scales: { x: { title: { display: true, text: "cycle time (days)" } }, y: { title: { display: true, text: "instances" }, beginAtZero: true } },
    },
  });
}

function utilisationChart(canvas: HTMLCanvasElement, base: Side, other: Side | null): Chart {
  const pooled = (side: Side) => side.result.roles.filter((r) => r.utilisation !== null);
  const roles = [...new Set([...pooled(base), ...(other ? pooled(other) : [])].map((r) => r.role))].sort();
  const values = (side: Side) => roles.map((role) => {
    const found = side.result.roles.find((r) => r.role === role)?.utilisation;
    return found === null || found === undefined ? null : Math.round(found * 1000) / 10;
  });
  const sides = other ? [base, other] : [base];
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: roles,
      datasets: sides.map((side, i) => ({
        label: `${side.label}: utilisation %`,
        data: values(side),
        backgroundColor: i === 0 ? COLOURS[0] : OTHER,
      })),
    },
    options: {
      ...common,
      indexAxis: "y",
      plugins: { legend: { display: sides.length > 1 } },
      scales: { x: { min: 0, max: 100, title: { display: true, text: "busy % of working time" } } },
    },
  });
}

/** Queue length per pooled role over simulated days (the first run). */
function queueChart(canvas: HTMLCanvasElement, side: Side): Chart {
  const { queues, roles } = side.result;
  const points = queues.lengths[0]?.length ?? 0;
  const labels = Array.from({ length: points }, (_, i) => ((i * queues.every_hours) / 24).toFixed(1));
  const pooled = queues.roles
    .map((role, index) => ({ role, index }))
    .filter(({ role }) => roles.find((r) => r.role === role)?.capacity !== null);
  return new Chart(canvas, {
    type: "line",
    data: {
      labels,
      datasets: pooled.map(({ role, index }, i) => ({
        label: role,
        data: queues.lengths[index] ?? [],
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderWidth: 1.5,
        pointRadius: 0,
        stepped: true,
      })),
    },
    options: {
      ...common,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 10 } } },
      scales: {
        x: { title: { display: true, text: `simulated days (${side.label})` }, ticks: { maxTicksLimit: 12 } },
        y: { beginAtZero: true, title: { display: true, text: "tasks waiting" } },
      },
    },
  });
}

interface Side {
  label: string;
  result: BatchResult;
}
