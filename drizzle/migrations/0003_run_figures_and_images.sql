ALTER TABLE "executions" ADD COLUMN "cpu_ms" integer;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "memory_kib" integer;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "images" jsonb DEFAULT '[]'::jsonb NOT NULL;