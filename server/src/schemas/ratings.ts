import { Type, type Static } from 'typebox';

/** The crash-rating catalogue (data/ratings.json) as the API lists it. */
export const RatingCatalogueSchema = Type.Object(
  {
    description: Type.String({ description: 'what the catalogue is and where its values come from' }),
    ratings: Type.Array(
      Type.Object(
        {
          text: Type.String({ description: 'the rating as published, e.g. V/7200[N2A]/48/90:0.2' }),
          scheme: Type.String({ description: 'ISO 22343-1, IWA 14-1, PAS 68, ASTM F2656 or DoS K' }),
          description: Type.String({ description: 'the test in words' }),
        },
        { additionalProperties: false, title: 'Rating' },
      ),
    ),
  },
  { additionalProperties: false, title: 'RatingCatalogue' },
);
export type RatingCatalogue = Static<typeof RatingCatalogueSchema>;
