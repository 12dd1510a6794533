import { Type } from 'typebox';

/** Error body shared by every route: `{ statusCode, code, message }` with a code from errors.ts. */
const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'stable error code from the catalogue' }),
    message: Type.String({ description: 'what went wrong, in words a planner understands' }),
  },
  { $id: 'Error', title: 'Error' },
);

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorSchema]));
