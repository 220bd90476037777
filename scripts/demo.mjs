console.log('demo: to be written');
