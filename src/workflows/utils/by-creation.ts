type Row = { created_at?: string | Date | null; id?: unknown }

/**
 * Query returns related rows in no particular order; this puts them back in the order they were
 * made (id breaks ties), which is the order a shopper added cart lines in.
 */
export function byCreation(a: Row, b: Row): number {
  return (
    new Date(a.created_at ?? 0).getTime() - new Date(b.created_at ?? 0).getTime() ||
    String(a.id).localeCompare(String(b.id))
  )
}
