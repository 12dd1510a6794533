/**
 * The symbols of the access point kinds, drawn once on a canvas: the map is offline and has neither
 * glyphs nor a sprite, and the properties panel shows the same images. Shape, colour and letter each
 * tell the kinds apart, so none depends on colour vision.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ACCESS_POINT_KINDS, type AccessPointKind } from '../plan/access-points.js';

const SIZE = 24;
const PIXEL_RATIO = 2;

const SYMBOLS: Record<
  AccessPointKind,
  { colour: string; letter: string; shape: 'circle' | 'square' | 'diamond' }
> = {
  pedestrian: { colour: '#15803d', letter: 'P', shape: 'circle' },
  vehicle: { colour: '#1d4ed8', letter: 'V', shape: 'square' },
  emergency: { colour: '#b91c1c', letter: 'E', shape: 'diamond' },
};

/** The map's image name of a kind's symbol. */
export const accessPointIcon = (kind: AccessPointKind) => `access-${kind}`;

function drawSymbol(kind: AccessPointKind): HTMLCanvasElement {
  const { colour, letter, shape } = SYMBOLS[kind];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE * PIXEL_RATIO;
  const context = canvas.getContext('2d')!;
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  const c = SIZE / 2;
  const r = SIZE / 2 - 2;
  context.beginPath();
  if (shape === 'circle') context.arc(c, c, r, 0, 2 * Math.PI);
  else if (shape === 'square') context.rect(c - r * 0.85, c - r * 0.85, r * 1.7, r * 1.7);
  else {
    context.moveTo(c, c - r);
    context.lineTo(c + r, c);
    context.lineTo(c, c + r);
    context.lineTo(c - r, c);
    context.closePath();
  }
  context.fillStyle = colour;
  context.fill();
  context.lineWidth = 2;
  context.strokeStyle = '#ffffff';
  context.stroke();
  context.fillStyle = '#ffffff';
  context.font = 'bold 12px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(letter, c, c + 0.5);
  return canvas;
}

const urls = new Map<AccessPointKind, string>();

/** A kind's symbol as an image address, for the panel. */
export function accessPointIconUrl(kind: AccessPointKind): string {
  let url = urls.get(kind);
  if (!url) {
    url = drawSymbol(kind).toDataURL();
    urls.set(kind, url);
  }
  return url;
}

export function addAccessPointIcons(map: MapLibreMap) {
  for (const kind of ACCESS_POINT_KINDS) {
    const canvas = drawSymbol(kind);
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    map.addImage(accessPointIcon(kind), image, { pixelRatio: PIXEL_RATIO });
  }
}
