"""A real burst worker: jobs run, CPU work goes through the process pool, and a
repeated enqueue of the same work is a no-op."""

import os

from domain.jobs import HIGH_QUEUE, SYSTEM_CHECK, enqueue, job_id


async def test_system_check_runs_in_the_process_pool_and_reaches_the_database(
    burst_worker, queue
):
    job = await queue.enqueue_job(SYSTEM_CHECK, _queue_name=HIGH_QUEUE)
    assert job is not None

    completed = await burst_worker.run_check()

    result = await job.result(timeout=5)
    assert completed == 1
    assert result["database"] is True
    assert result["worker_pid"] == os.getpid()
    assert result["pool_pid"] != os.getpid()


async def test_enqueueing_the_same_work_twice_is_a_no_op(queue):
    first = await enqueue(queue, SYSTEM_CHECK, "abc", queue_name=HIGH_QUEUE)
    second = await enqueue(queue, SYSTEM_CHECK, "abc", queue_name=HIGH_QUEUE)
    assert (first, second) == (True, False)
    assert await queue.zcard(HIGH_QUEUE) == 1
    assert job_id(SYSTEM_CHECK, "abc") == "system_check:abc"
