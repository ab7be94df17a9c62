import type { ActionCounts, TrafficStats } from '../traffic/traffic-stats.js';
import { formatSection, formatTable } from './text-layout.js';

export const TRAFFIC_SENT_TITLE = 'Traffic sent';

function countCells(counts: ActionCounts): string[] {
  return [
    counts.requests,
    counts['2xx'],
    counts['4xx'],
    counts['5xx'],
    counts.failed,
  ].map(String);
}

export function formatTrafficSent(stats: TrafficStats): string {
  const rows = stats
    .byAction()
    .map(([action, counts]) => [action, ...countCells(counts)]);
  const number = (title: string) => ({ title, align: 'right' as const });

  return formatSection(TRAFFIC_SENT_TITLE, [
    ...formatTable(
      [
        { title: 'action' },
        number('requests'),
        number('2xx'),
        number('4xx'),
        number('5xx'),
        number('failed'),
      ],
      [...rows, ['total', ...countCells(stats.total())]],
    ),
    `in ${stats.elapsedSeconds().toFixed(1)} s`,
  ]);
}
