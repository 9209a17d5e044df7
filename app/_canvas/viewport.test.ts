import { getViewportForBounds } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { FIT_PADDING, intersects, reservedAreas, usableView } from './viewport';

/** The canvas between the trees in a 1280×800 and a 1920×1080 window (the editor gives it 640 px of height). */
const CANVASES = [
  { width: 660, height: 640 },
  { width: 1300, height: 640 },
];
/** A wide mapping, a tall one, one of about the canvas's shape (it fills every corner) and a small one. */
const DIAGRAMS = [
  { x: 0, y: 0, width: 3200, height: 900 },
  { x: -200, y: 40, width: 700, height: 2600 },
  { x: 0, y: 0, width: 1500, height: 1400 },
  { x: 0, y: 0, width: 3000, height: 1480 },
  { x: 10, y: 10, width: 420, height: 260 },
];

describe('the canvas keeps nodes clear of its floating panels', () => {
  for (const canvas of CANVASES)
    for (const bounds of DIAGRAMS)
      it(`fits a ${bounds.width}×${bounds.height} diagram on a ${canvas.width}×${canvas.height} canvas without touching the toolbar, controls or minimap`, () => {
        const v = getViewportForBounds(bounds, canvas.width, canvas.height, 0.1, 1, FIT_PADDING);
        const onScreen = { x: bounds.x * v.zoom + v.x, y: bounds.y * v.zoom + v.y, width: bounds.width * v.zoom, height: bounds.height * v.zoom };
        for (const panel of reservedAreas(canvas.width, canvas.height)) expect(intersects(onScreen, panel), JSON.stringify({ onScreen, panel })).toBe(false);
      });

  it('offers for new nodes only the part of the view no panel covers, in flow coordinates', () => {
    const canvas = CANVASES[0];
    for (const transform of [[0, 0, 1], [-350, 120, 0.5], [80, -40, 1.5]] as const) {
      const view = usableView(transform, canvas.width, canvas.height);
      const [tx, ty, zoom] = transform;
      const onScreen = { x: view.x * zoom + tx, y: view.y * zoom + ty, width: view.width * zoom, height: view.height * zoom };
      expect(onScreen.width).toBeGreaterThan(canvas.width * 0.9);
      expect(onScreen.x).toBeGreaterThanOrEqual(0);
      expect(onScreen.y + onScreen.height).toBeLessThanOrEqual(canvas.height);
      for (const panel of reservedAreas(canvas.width, canvas.height)) expect(intersects(onScreen, panel)).toBe(false);
    }
  });
});
