/** The credit every answer, tile source and report showing OpenStreetMap data carries (ODbL). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
