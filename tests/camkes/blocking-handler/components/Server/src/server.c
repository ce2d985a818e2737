#include <stdio.h>
#include <camkes.h>

int w_take(int x)
{
    printf("server: take(%d) waits on the semaphore\n", x);
    s_wait();
    printf("server: take(%d) waits on the mutex\n", x);
    m_lock();
    m_unlock();
    printf("server: take(%d) waits on the event\n", x);
    go_wait();
    printf("server: take(%d) replies\n", x);
    return x * 10;
}

void k_hold(void)
{
    m_lock();
}

void k_post(void)
{
    s_post();
}

void k_release(void)
{
    m_unlock();
}
