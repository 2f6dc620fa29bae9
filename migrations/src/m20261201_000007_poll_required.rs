//! Per-poll required questions (issue #10).
//!
//! - `poll.required`: a JSON array of the codes of the poll's questions a respondent must
//!   answer in this poll. `NULL` (every poll made before this migration) means "as the
//!   question bank says" (`question.required`), so old polls behave exactly as before.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000007_poll_required"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE poll ADD COLUMN required TEXT")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE poll DROP COLUMN required")
            .await?;
        Ok(())
    }
}
