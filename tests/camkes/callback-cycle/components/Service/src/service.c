#include <camkes.h>

int work_run_job(int n)
{
    int sum = 0;
    for (int i = 1; i <= n; i++) {
        sum += i;
        progress_report(i);
    }
    return sum;
}
