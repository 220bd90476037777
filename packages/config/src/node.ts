/** Placeholder. */
export const nodeEntry = true;
