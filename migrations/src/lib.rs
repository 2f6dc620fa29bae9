//! The schema's whole history, applied automatically at start (`polsslag serve`, `polsslag demo`).

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_schema;
mod m20261129_000002_answer_shapes;
mod m20261201_000003_recoding;
mod m20261201_000004_sealed_responses;
mod m20261201_000005_accounts;
mod m20261201_000006_roster_imports;
mod m20261201_000007_poll_required;
mod m20261201_000008_samples_mail;
mod m20261201_000009_wave_progress;
mod m20261201_000010_sealed_blobs;
mod m20261201_000011_conversations;
mod m20261202_000012_indicators;
mod m20261202_000013_poll_result_sets;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_schema::Migration),
            Box::new(m20261129_000002_answer_shapes::Migration),
            Box::new(m20261201_000003_recoding::Migration),
            Box::new(m20261201_000004_sealed_responses::Migration),
            Box::new(m20261201_000005_accounts::Migration),
            Box::new(m20261201_000006_roster_imports::Migration),
            Box::new(m20261201_000007_poll_required::Migration),
            Box::new(m20261201_000008_samples_mail::Migration),
            Box::new(m20261201_000009_wave_progress::Migration),
            Box::new(m20261201_000010_sealed_blobs::Migration),
            Box::new(m20261201_000011_conversations::Migration),
            Box::new(m20261202_000012_indicators::Migration),
            Box::new(m20261202_000013_poll_result_sets::Migration),
        ]
    }
}
