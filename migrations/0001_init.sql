-- Bulwark base schema: sites, imported OSM data, protected zones, measures.
-- Runs identically on PostgreSQL 15 + PostGIS 3.3 and PGlite (PostgreSQL 18 + PostGIS 3.6).
CREATE EXTENSION IF NOT EXISTS postgis;

-- One imported file. Re-importing the same file (same name or same content) replaces its features in place,
-- keeping the source id so sites that point at it keep working.
CREATE TABLE osm_sources (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  sha256        text NOT NULL,
  format        text NOT NULL CHECK (format IN ('pbf', 'xml', 'xml.gz', 'geojson')),
  size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
  bbox          geometry(Polygon, 4326),
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb,
  imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX osm_sources_sha256_idx ON osm_sources (sha256);

-- Roads, paths, open areas, buildings and street furniture from OSM, with the tags that matter for
-- vehicle movement and buildings kept in `tags` and the ones the analysis reads as typed columns.
CREATE TABLE features (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id     bigint NOT NULL REFERENCES osm_sources (id) ON DELETE CASCADE,
  osm_type      text NOT NULL CHECK (osm_type IN ('node', 'way', 'relation')),
  osm_id        bigint NOT NULL,
  layer         text NOT NULL CHECK (layer IN ('roads', 'paths', 'areas', 'buildings', 'furniture')),
  kind          text NOT NULL,
  name          text,
  tags          jsonb NOT NULL DEFAULT '{}'::jsonb,
  width_m       real CHECK (width_m IS NULL OR width_m > 0),
  width_source  text CHECK (width_source IN ('tag', 'lanes', 'default')),
  lanes         smallint,
  oneway        boolean,
  z_layer       smallint NOT NULL DEFAULT 0,
  bridge        boolean NOT NULL DEFAULT false,
  tunnel        boolean NOT NULL DEFAULT false,
  height_m      real CHECK (height_m IS NULL OR height_m >= 0),
  levels        real,
  geom          geometry(Geometry, 4326) NOT NULL,
  UNIQUE (source_id, osm_type, osm_id, layer)
);
CREATE INDEX features_geom_gix ON features USING gist (geom);
CREATE INDEX features_source_layer_idx ON features (source_id, layer);

CREATE TABLE sites (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description       text NOT NULL DEFAULT '',
  area_of_interest  geometry(Polygon, 4326) NOT NULL,
  -- The imported data this site is planned on; NULL = every import overlapping its area.
  source_id         bigint REFERENCES osm_sources (id) ON DELETE SET NULL,
  -- Optimistic concurrency for the site's own fields (409 on a stale version).
  version           integer NOT NULL DEFAULT 1,
  -- Bumped by every change to the site's zones and measures: the key for cached analyses.
  revision          integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_aoi_gix ON sites USING gist (area_of_interest);

CREATE TABLE zones (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id     uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL,
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Polygon, 4326) NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zones_site_idx ON zones (site_id);
CREATE INDEX zones_geom_gix ON zones USING gist (geom);

CREATE TABLE measures (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id     uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('bollard_line', 'barrier', 'gate', 'chicane', 'camera', 'cordon')),
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measures_site_idx ON measures (site_id);
CREATE INDEX measures_geom_gix ON measures USING gist (geom);
