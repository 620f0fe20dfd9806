import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { type Notification, type NotificationKind, notifications } from "../schema";

export async function notify(
  db: Db,
  input: { userId: string; kind: NotificationKind; requestId: string | null; text: string },
): Promise<void> {
  await db.insert(notifications).values(input);
}

export async function listNotifications(db: Db, userId: string, limit = 30): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markNotificationsRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
