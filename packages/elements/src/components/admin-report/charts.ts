import { html, svg, type TemplateResult } from "lit";

/** The SVG's drawing width; it scales to the element's width. */
const WIDTH = 800;

/** One bar of a horizontal bar chart. */
interface Bar {
  key: string;
  label: string;
  value: number;
}

/** One column of a stacked bar chart: its values by series. */
interface Column<S extends string> {
  key: string;
  /** What the column's tooltip starts with, e.g. the day. */
  title: string;
  values: Record<S, number>;
}

/**
 * Horizontal bars, each as long as its share of `max`, labelled on the left and valued on the
 * right. The SVG is an image with `label` as its accessible name: the figures themselves belong
 * in a table next to it.
 */
export function horizontalBarChart(options: {
  id: string;
  label: string;
  bars: Bar[];
  max: number;
  format: (value: number) => string;
}): TemplateResult {
  const row = 28;
  const labelWidth = 180;
  const valueWidth = 72;
  const length = WIDTH - labelWidth - 8 - valueWidth;
  const max = Math.max(options.max, 1);
  const height = options.bars.length * row + 4;
  return html`<svg part="chart" id=${options.id} role="img" aria-label=${options.label}
    viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet">
    ${options.bars.map((bar, i) => {
      const y = i * row + 4;
      const width = (Math.min(bar.value, max) / max) * length;
      return svg`<text class="label" x=${labelWidth} y=${y + row / 2 - 2} text-anchor="end"
          dominant-baseline="middle">${bar.label}</text>
        <rect class="track" x=${labelWidth + 8} y=${y + 4} width=${length} height=${row - 12} />
        <rect class="bar" data-key=${bar.key} data-value=${bar.value} x=${labelWidth + 8} y=${y + 4}
          width=${width} height=${row - 12} />
        <text class="value" x=${labelWidth + 16 + length} y=${y + row / 2 - 2}
          dominant-baseline="middle">${options.format(bar.value)}</text>`;
    })}
  </svg>`;
}

/**
 * Columns of stacked bars, one segment per series with a value (coloured by the class
 * `series-<name>`), a value axis from 0 to the tallest column and the first and last column's
 * labels below. Each segment has a tooltip; the SVG is an image with `label` as its accessible
 * name, the figures belong in a table next to it.
 */
export function stackedBarChart<S extends string>(options: {
  id: string;
  label: string;
  series: readonly S[];
  seriesLabel: (series: S) => string;
  columns: Column<S>[];
  axis: { first: string; last: string };
  format: (value: number) => string;
}): TemplateResult {
  const [top, right, bottom, left] = [10, 8, 24, 44];
  const height = 220;
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const totals = options.columns.map((c) =>
    options.series.reduce((sum, s) => sum + c.values[s], 0),
  );
  const max = Math.max(1, ...totals);
  const ticks = [...new Set([0, Math.ceil(max / 2), max])];
  const yOf = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const slot = plotWidth / Math.max(options.columns.length, 1);
  const barWidth = Math.max(slot * 0.7, 0.5);
  return html`<svg part="chart" id=${options.id} role="img" aria-label=${options.label}
    viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet">
    ${ticks.map(
      (
        tick,
      ) => svg`<line class="grid" x1=${left} x2=${WIDTH - right} y1=${yOf(tick)} y2=${yOf(tick)} />
        <text class="axis" x=${left - 6} y=${yOf(tick)} text-anchor="end"
          dominant-baseline="middle">${options.format(tick)}</text>`,
    )}
    ${options.columns.map((column, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      let stacked = 0;
      return options.series.map((series) => {
        const value = column.values[series];
        if (value <= 0) return null;
        const y = yOf(stacked + value);
        const segment = yOf(stacked) - y;
        stacked += value;
        return svg`<rect class="series-${series}" data-column=${column.key} data-series=${series}
          data-value=${value} x=${x} y=${y} width=${barWidth} height=${segment}><title>${column.title}, ${options.seriesLabel(series)}: ${options.format(value)}</title></rect>`;
      });
    })}
    <text class="axis" x=${left} y=${height - 6}>${options.axis.first}</text>
    <text class="axis" x=${WIDTH - right} y=${height - 6} text-anchor="end">${options.axis.last}</text>
  </svg>`;
}
