import type { BenchResult } from './report';

/** A horizontal bar per ratio, measured against its goal, as a small self-contained SVG. */
export function ratioChart(results: BenchResult[]): string {
  const rows = results.filter((r) => r.ratio);
  const width = 760;
  const rowHeight = 34;
  const labelWidth = 330;
  const barWidth = width - labelWidth - 90;
  const height = rows.length * rowHeight + 40;
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = rows.map((r, i) => {
    const ratio = r.ratio as NonNullable<BenchResult['ratio']>;
    const scale = Math.max(ratio.value, ratio.goal) * 1.15 || 1;
    const y = 30 + i * rowHeight;
    const w = Math.max(2, (ratio.value / scale) * barWidth);
    const goalX = labelWidth + (ratio.goal / scale) * barWidth;
    return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(ratio.label)}</text>
<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${r.met ? '#3f6152' : '#b5542e'}"/>
<line x1="${goalX.toFixed(1)}" y1="${y}" x2="${goalX.toFixed(1)}" y2="${y + 22}" stroke="#2b2a28" stroke-dasharray="3 2"/>
<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${ratio.value.toFixed(2)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#2b2a28" role="img">
<title>Mend benchmarks: each measured ratio against its target</title>
<rect width="100%" height="100%" fill="#f4f1ec"/>
<text x="12" y="18" font-size="13" font-weight="bold">Measured (bars; green met, orange missed) against the target (dashed line)</text>
${bars.join('\n')}
</svg>
`;
}
