import { describe, expect, it } from 'vitest';
import { formatEnergy, formatLength, formatSpeed, speedValue } from './units.js';

describe('units', () => {
  it('shows speeds in km/h, or mph on request', () => {
    expect(formatSpeed(48.2, 'kmh')).toBe('48 km/h');
    expect(formatSpeed(48.28, 'mph')).toBe('30 mph');
    expect(speedValue(80, 'mph')).toBe(50);
  });

  it('shows lengths in metres and kilometres', () => {
    expect(formatLength(3.44)).toBe('3.4 m');
    expect(formatLength(250.4)).toBe('250 m');
    expect(formatLength(1500)).toBe('1.5 km');
  });

  it('shows energy in kJ and MJ', () => {
    expect(formatEnergy(856.4)).toBe('856 kJ');
    expect(formatEnergy(1712)).toBe('1.7 MJ');
  });
});
