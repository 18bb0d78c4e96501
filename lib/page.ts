import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/data/errors";

/** A page's data, or Next's 404 page when the data layer answers "not found" (missing, or not the actor's to see). */
export async function orNotFound<T>(data: Promise<T>): Promise<T> {
  try {
    return await data;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** A page's data, or null when the data layer answers "not found" (for metadata, where the page itself shows the 404). */
export async function orNull<T>(data: Promise<T>): Promise<T | null> {
  try {
    return await data;
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}
