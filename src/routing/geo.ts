import type { Geo } from '../domain/primitives';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/**
 * Great-circle distance between two points, in kilometres (haversine, mean earth radius).
 *
 * @example
 * ```ts
 * haversineKm({ lat: 52.52, lon: 13.405 }, { lat: 48.137, lon: 11.575 }) // ≈ 504
 * ```
 */
export function haversineKm(a: Geo, b: Geo): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
