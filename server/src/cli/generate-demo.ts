import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';
import { demoDistrict, featureCollectionText } from '../demo/demo-district.js';

/** `npm run demo:generate`: writes the demo district's map data and site definition into data/. */
const dir = path.join(repoRoot, 'data');
const { features, site } = demoDistrict();
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, site.features), featureCollectionText(features));
fs.writeFileSync(path.join(dir, 'demo-site.json'), `${JSON.stringify(site, null, 2)}\n`);
console.log(`wrote data/${site.features} (${features.features.length} features) and data/demo-site.json`);
