// Chart.js and its React wrapper, loaded only when a chart is first shown (see chart-figure.tsx):
// nothing outside this module may import chart.js, or it lands in the main bundle.
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { ChartSeries } from './chart-series';

ChartJS.register(
  CategoryScale,
  LinearScale,
  PointElement,
  LineElement,
  BarElement,
  Tooltip,
  Legend,
);

export interface SeriesChartProps {
  kind: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  /** What the chart shows, for screen readers (the numbers are in the figure's table). */
  ariaLabel: string;
}

// Shared by lines and bars; each chart type checks it against its own options type.
function commonOptions(many: boolean) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // polling replaces the data every few seconds: no re-animation each time
    animation: false as const,
    interaction: { mode: 'index' as const, intersect: false },
    plugins: {
      legend: {
        position: 'bottom' as const,
        labels: { usePointStyle: true, boxHeight: 6 },
      },
      tooltip: { mode: 'index' as const, intersect: false },
    },
    scales: {
      x: {
        grid: { display: false },
        ticks: { autoSkip: true, maxTicksLimit: many ? 10 : 31, maxRotation: 0 },
      },
      y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#f1f3f5' } },
    },
  };
}

/** Lines (counts that contain each other: sent ⊇ delivered ⊇ read) or grouped bars per label. */
export function SeriesChart({ kind, labels, series, ariaLabel }: SeriesChartProps) {
  const many = labels.length > 31;
  if (kind === 'line') {
    const options: ChartOptions<'line'> = commonOptions(many);
    const data: ChartData<'line'> = {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: s.color,
        borderWidth: 2,
        pointRadius: many ? 0 : 2,
        pointHoverRadius: 4,
        // smooth without overshooting below zero between a quiet day and a busy one
        cubicInterpolationMode: 'monotone',
      })),
    };
    return <Line data={data} options={options} role="img" aria-label={ariaLabel} />;
  }
  const options: ChartOptions<'bar'> = commonOptions(many);
  const data: ChartData<'bar'> = {
    labels,
    datasets: series.map((s) => ({
      label: s.label,
      data: s.values,
      backgroundColor: s.color,
      borderRadius: 3,
      maxBarThickness: 28,
    })),
  };
  return <Bar data={data} options={options} role="img" aria-label={ariaLabel} />;
}
