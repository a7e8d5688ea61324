/**
 * Draws the two Teams app icons: color.png (192×192, full-colour background) and outline.png (32×32, white on
 * transparent, as Teams requires). A shield with a check mark, in Rijkshuisstijl blue. Regenerate with
 * `npx tsx bot/channels/teams/package/icons.ts` (writes teams/color.png and teams/outline.png).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type Image } from './png.js';

export const RIJKSBLAUW = [0x15, 0x42, 0x73] as const;

type Shape = (x: number, y: number) => boolean;

/** Shield in unit coordinates: x ∈ [-1, 1] left→right, y ∈ [0, 1] top→bottom. */
function shield(scale: number): Shape {
  return (x, y) => {
    const u = x / scale;
    const v = 0.5 + (y - 0.5) / scale;
    if (v < 0 || v > 1) return false;
    // Flat top, straight sides, then an elliptical taper to a point at the bottom.
    const half = v < 0.5 ? 0.8 : 0.8 * Math.sqrt(Math.max(0, 1 - ((v - 0.5) / 0.5) ** 2));
    return Math.abs(u) <= half;
  };
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A check mark centred in the shield; `scale` shrinks it towards the shield's centre. */
function check(thickness: number, scale = 1): Shape {
  return (x, y) => {
    const u = x / scale;
    const v = 0.5 + (y - 0.5) / scale;
    return Math.min(segmentDistance(u, v, -0.38, 0.5, -0.1, 0.72), segmentDistance(u, v, -0.1, 0.72, 0.4, 0.3)) <= thickness / 2;
  };
}

/** Renders with 4×4 supersampling: `paint` returns the colour (RGBA) of a point, or null for transparent. */
function render(size: number, margin: number, paint: (x: number, y: number) => readonly [number, number, number] | null): Image {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          // Map the pixel to x ∈ [-1, 1], y ∈ [0, 1] inside the margin.
          const fx = (px + (sx + 0.5) / samples) / size;
          const fy = (py + (sy + 0.5) / samples) / size;
          const x = ((fx - margin) / (1 - 2 * margin)) * 2 - 1;
          const y = (fy - margin) / (1 - 2 * margin);
          const c = paint(x, y);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return { width: size, height: size, rgba };
}

const WHITE = [255, 255, 255] as const;

export function drawColorIcon(): Image {
  const outer = shield(1);
  const mark = check(0.16);
  return render(192, 0.2, (x, y) => {
    if (mark(x, y)) return RIJKSBLAUW;
    if (outer(x, y)) return WHITE;
    return RIJKSBLAUW;
  });
}

export function drawOutlineIcon(): Image {
  const outer = shield(1);
  const inner = shield(0.78);
  const mark = check(0.24, 0.75);
  return render(32, 0.03, (x, y) => ((outer(x, y) && !inner(x, y)) || mark(x, y) ? WHITE : null));
}

export function writeIcons(dir: string): void {
  writeFileSync(`${dir}/color.png`, encodePng(drawColorIcon()));
  writeFileSync(`${dir}/outline.png`, encodePng(drawOutlineIcon()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeIcons(fileURLToPath(new URL('../../../../teams', import.meta.url)));
}
