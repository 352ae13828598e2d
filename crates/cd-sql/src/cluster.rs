//! Ballista: the same plans on a cluster (`df://HOST:PORT`), and an in-process scheduler and executor on
//! loopback (the tests, `compute-divide cluster standalone`).
//!
//! The client plans the query against the warehouse's listing tables (absolute `file://` paths) and sends
//! the plan to the scheduler; the scheduler lists the files to split the work and the executors read them,
//! so every machine must see the warehouse at the same path (a shared file system), see `docs/cluster.md`.

use crate::{Result, SqlError};
use ballista_core::extension::SessionStateExt;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::serde::BallistaCodec;
use datafusion::execution::SessionState;
use datafusion::prelude::SessionContext;

/// A context whose queries run on the scheduler at `url` (`df://HOST:PORT`, checked by
/// [`crate::Target::parse`]), starting from `state`.
pub fn remote_context(url: &str, state: SessionState) -> Result<SessionContext> {
    let address = url.strip_prefix("df://").unwrap_or(url);
    let state = state.upgrade_for_ballista(format!("http://{address}")).map_err(|e| {
        SqlError::Execution(format!("connecting to the cluster {url}: {}", crate::one_line(&e)))
    })?;
    Ok(SessionContext::new_with_state(state))
}

/// A scheduler and one executor (running `task_slots` tasks at a time) started in this process on
/// loopback; they run until the process (its tokio runtime) ends. Returns the scheduler's URL,
/// `df://localhost:PORT`.
pub async fn start_loopback(task_slots: usize) -> Result<String> {
    let fail = |what: &str, e: &dyn std::fmt::Display| SqlError::Execution(format!("{what}: {e}"));
    let addr = ballista_scheduler::standalone::new_standalone_scheduler()
        .await
        .map_err(|e| fail("starting the scheduler", &e))?;
    let grpc = format!("http://localhost:{}", addr.port());
    // The scheduler's server is spawned; wait until it accepts connections (at most 10 s).
    let mut attempts = 0;
    let scheduler = loop {
        match SchedulerGrpcClient::connect(grpc.clone()).await {
            Ok(client) => break client,
            Err(e) if attempts >= 100 => return Err(fail("connecting to the scheduler", &e)),
            Err(_) => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };
    ballista_executor::new_standalone_executor(scheduler, task_slots.max(1), BallistaCodec::default())
        .await
        .map_err(|e| fail("starting the executor", &e))?;
    Ok(format!("df://localhost:{}", addr.port()))
}
