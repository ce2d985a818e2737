#include <stdio.h>
#include <camkes.h>

static int reports;

void progress_report(int done)
{
    reports++;
    printf("client: progress %d\n", done);
}

int run(void)
{
    int sum = work_run_job(3);
    printf("client: job done, sum %d after %d reports\n", sum, reports);
    return 0;
}
