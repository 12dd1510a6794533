-- Undo 0001: drops every Bulwark table. The postgis extension stays (other schemas may use it).
DROP TABLE IF EXISTS measures;
DROP TABLE IF EXISTS zones;
DROP TABLE IF EXISTS sites;
DROP TABLE IF EXISTS features;
DROP TABLE IF EXISTS osm_sources;
