import { Box, Skeleton, Table, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { ChartSeries } from './chart-series';
import { formatCount } from './numbers';

// chart.js is ~200 kB: it loads with the first chart, not with the app.
const SeriesChart = lazy(() => import('./charts').then((m) => ({ default: m.SeriesChart })));

export interface ChartRow {
  key: string;
  /** The x-axis label. */
  label: string;
  /** The row header in the data table, when it says more than the axis label (e.g. "today"). */
  tableLabel?: string;
}

export interface ChartFigureProps {
  kind: 'line' | 'bar';
  /** Names the chart for screen readers and names its data table. */
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  /** The header of the table's first column, e.g. "Day". */
  rowHeader: string;
  height?: number;
}

/**
 * A chart plus the same numbers as a table inside a <details>: readable without the canvas by
 * screen readers, tests and anyone who wants exact figures.
 */
export function ChartFigure({
  kind,
  title,
  rows,
  series,
  rowHeader,
  height = 260,
}: ChartFigureProps) {
  return (
    <Box component="figure" m={0}>
      <Box h={height} pos="relative">
        <Suspense fallback={<Skeleton h={height} aria-label={`Loading ${title}`} />}>
          <SeriesChart
            kind={kind}
            labels={rows.map((r) => r.label)}
            series={series}
            ariaLabel={title}
          />
        </Suspense>
      </Box>
      <Box component="details" mt="xs">
        <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
          Show the numbers
        </Text>
        <Table.ScrollContainer minWidth={320} maxHeight={320} type="native" mt="xs">
          <Table aria-label={`${title} data`} striped fz="xs" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{rowHeader}</Table.Th>
                {series.map((s) => (
                  <Table.Th key={s.key} scope="col" ta="right">
                    {s.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={row.key} data-key={row.key}>
                  <Table.Th scope="row" fw={400}>
                    {row.tableLabel ?? row.label}
                  </Table.Th>
                  {series.map((s) => (
                    <Table.Td key={s.key} ta="right" data-series={s.key}>
                      {formatCount(s.values[i] ?? 0)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Box>
    </Box>
  );
}
