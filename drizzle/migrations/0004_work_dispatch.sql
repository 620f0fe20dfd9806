ALTER TABLE "executions" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "dispatched_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "dispatched_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "executions_concurrency_key_status_index" ON "executions" USING btree ("concurrency_key","status");--> statement-breakpoint
CREATE INDEX "submissions_status_created_at_index" ON "submissions" USING btree ("status","created_at");--> statement-breakpoint
UPDATE "executions" SET "concurrency_key" = 'user:' || "user_id" WHERE "user_id" IS NOT NULL;--> statement-breakpoint
UPDATE "submissions" SET "concurrency_key" = 'user:' || "user_id";
