//! Reporting attributes generalised so that every stored combination is shared by at least k
//! people of a wave's audience (`app::services::recoding`, issue #8 item 7):
//! - `invitation.attributes`: the attributes this invitee's response will carry, as JSON,
//!   decided over the wave's whole audience (NULL on rows from before this migration, which
//!   the store recodes when it opens);
//! - `open_link.reported_org_unit_id`: the place in the organisation an open link's responses
//!   carry, the link's own or the nearest one above it with at least k people;
//! - `wave.recoding`: what was generalised and why, for HRM (JSON).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000003_recoding"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in [
            "ALTER TABLE invitation ADD COLUMN attributes TEXT",
            "ALTER TABLE open_link ADD COLUMN reported_org_unit_id BIGINT",
            "UPDATE open_link SET reported_org_unit_id = org_unit_id",
            "ALTER TABLE wave ADD COLUMN recoding TEXT",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in [
            "ALTER TABLE wave DROP COLUMN recoding",
            "ALTER TABLE open_link DROP COLUMN reported_org_unit_id",
            "ALTER TABLE invitation DROP COLUMN attributes",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
