//! Inviting employees to a wave and creating open team links. The token is returned once,
//! to be mailed or shown; the database keeps only its hash.

use crate::entities::{invitation, open_link, wave};
use crate::store::Store;
use crate::tokens::Token;
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

/// Creates one invitation per employee and returns each employee's token, in input order.
pub async fn invite(
    store: &Store,
    wave_id: &str,
    employee_ids: &[i64],
) -> Result<Vec<(i64, Token)>, DbErr> {
    let tokens: Vec<(i64, Token)> = employee_ids
        .iter()
        .map(|&e| (e, Token::generate()))
        .collect();
    let _guard = store.write_guard().await;
    let txn = store.db.begin().await?;
    for chunk in tokens.chunks(1000) {
        let models = chunk.iter().map(|(e, t)| invitation::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            wave_id: Set(wave_id.to_string()),
            employee_id: Set(*e),
            token_hash: Set(t.hash()),
            completed: Set(false),
        });
        invitation::Entity::insert_many(models)
            .exec_without_returning(&txn)
            .await?;
    }
    let w = wave::Entity::find_by_id(wave_id.to_string())
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("wave {wave_id}")))?;
    wave::Entity::update_many()
        .col_expr(
            wave::Column::Invited,
            (w.invited + employee_ids.len() as i32).into(),
        )
        .filter(wave::Column::Id.eq(wave_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(tokens)
}

/// Creates an open link for a wave, optionally tied to a place in the organisation (whose
/// unit, district and team the responses then carry, as far as the poll asks for them).
pub async fn open_link(
    store: &Store,
    wave_id: &str,
    org_unit_id: Option<i64>,
    label: &str,
) -> Result<Token, DbErr> {
    let token = Token::generate();
    let _guard = store.write_guard().await;
    open_link::Entity::insert(open_link::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        wave_id: Set(wave_id.to_string()),
        token_hash: Set(token.hash()),
        org_unit_id: Set(org_unit_id),
        label: Set(label.to_string()),
    })
    .exec_without_returning(&store.db)
    .await?;
    Ok(token)
}
