CREATE TABLE "workspace_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"path" text NOT NULL,
	"kind" text NOT NULL,
	"content" text,
	"size" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"read_only" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"exercise_id" text,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"entry" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "entry" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "workspace_entries" ADD CONSTRAINT "workspace_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_entries_workspace_id_path_index" ON "workspace_entries" USING btree ("workspace_id","path");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_lesson_unique" ON "workspaces" USING btree ("user_id","exercise_id") WHERE "workspaces"."exercise_id" is not null;--> statement-breakpoint
CREATE INDEX "workspaces_user_id_kind_updated_at_index" ON "workspaces" USING btree ("user_id","kind","updated_at");