CREATE TABLE "executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text,
	"language" text NOT NULL,
	"files" jsonb NOT NULL,
	"stdin" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"stdout" text DEFAULT '' NOT NULL,
	"stderr" text DEFAULT '' NOT NULL,
	"exit_code" integer,
	"signal" text,
	"wall_ms" integer,
	"truncated" boolean DEFAULT false NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "executions_status_created_at_index" ON "executions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "executions_user_id_created_at_index" ON "executions" USING btree ("user_id","created_at");