//! The response over time (issue #11): per open wave and day, how many of its invitees had
//! answered, taken by the server's background job (never on the answering path, so a
//! submission writes nothing more than before). Pages show it in steps of the poll's k.
//! Also a unique index so that a wave's invitations are mailed once (two clicks at once).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000009_wave_progress"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE wave_progress (
                    wave_id TEXT NOT NULL REFERENCES wave(id),
                    day DATE NOT NULL,
                    answered INTEGER NOT NULL,
                    PRIMARY KEY (wave_id, day)
                )",
            )
            .await?;
        // A wave's invitations are mailed once, even when two requests ask at the same moment.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX mailing_one_invitation ON mailing(wave_id) \
                 WHERE kind = 'invitation'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX mailing_one_invitation")
            .await?;
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE wave_progress")
            .await?;
        Ok(())
    }
}
