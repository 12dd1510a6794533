const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a uuid in its usual text form; anything else cannot name a row (and must not reach PostgreSQL's uuid cast). */
export const isUuid = (text: string): boolean => UUID.test(text);
